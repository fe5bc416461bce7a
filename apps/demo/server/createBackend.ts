import {
  ConnectionHealthMonitor,
  createHealthHandler,
  exchangeCode,
  StateStoreError,
} from '@makini-kit/core';
import { Hono } from 'hono';
import type { BackendState } from './BackendState.js';
import type { DemoConfig } from './config.js';
import { DemoAccess } from './DemoAccess.js';
import { DemoConnections } from './DemoConnections.js';
import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';
import { devRoutes } from './devRoutes.js';
import { guardRequests } from './guardRequests.js';
import { loadOrderDocuments } from './orderDocuments.js';
import { problem } from './problem.js';
import { ReferenceData } from './ReferenceData.js';
import { readJson } from './readJson.js';
import { receiveWebhooks } from './receiveWebhooks.js';
import { reopenConnections } from './reopenConnections.js';
import { ExchangeBody } from './requestBodies.js';
import { SandboxAdminError, sandboxAdmin } from './sandboxAdmin.js';

/** Where a real product would email the customer; the demo logs it. */
export type NotifyCustomer = (alert: { connectionId: string; reason: string }) => void;

/**
 * The demo's back end: holds the tokens, calls Makini, watches health, receives webhooks, and gives
 * the browser health, purchase orders and developer data — never a token. `state` says where what
 * outlives a request is kept: a file and memory for one process, Redis for replicas.
 */
export async function createBackend(
  config: DemoConfig,
  state: BackendState,
  options: { notifyCustomer?: NotifyCustomer; log?: (line: string) => void } = {},
) {
  const log = options.log ?? ((line: string) => console.log(line));
  const { activity } = state;
  const notify: NotifyCustomer =
    options.notifyCustomer ??
    ((alert) => log(`[alert] would email the customer of ${alert.connectionId}: ${alert.reason}`));
  const monitor = new ConnectionHealthMonitor({
    pollIntervalMs: 5_000,
    ...(state.healthBus ? { bus: state.healthBus } : {}),
    ...(state.pollLeases ? { leases: state.pollLeases } : {}),
    ...(state.replica ? { replicaId: state.replica } : {}),
    // With replicas, one of them (whichever claims it) raises each alert.
    onAlert: (alert) => {
      activity.alert(alert);
      if (alert.kind === 'reauthorization_required') notify(alert);
    },
  });
  const connections = new DemoConnections(config, state, monitor);
  const references = new ReferenceData();
  const admin = sandboxAdmin(config.makiniUrl, config.sandboxAdminToken);
  const redirectUri = `${config.appUrl}/link/callback`;

  const receiveWebhook = receiveWebhooks(config.webhookSecret, state, monitor, log);

  await reopenConnections(config, connections, admin, log);
  await monitor.check();

  const health = createHealthHandler(monitor);
  const app = new Hono();
  // Every failure is JSON with a code; stack traces stay in the log.
  app.onError((error, context) => {
    if (error instanceof DemoHttpError) return context.json(error.toJSON(), error.status);
    if (error instanceof SandboxAdminError) {
      const status = error.status === 404 ? 404 : error.status < 500 ? 400 : 502;
      const code = status === 404 ? DemoErrorCode.NOT_FOUND : DemoErrorCode.SANDBOX_ERROR;
      return context.json({ error: { code, message: error.message } }, status);
    }
    if (StateStoreError.is(error)) {
      const { status, body } = problem(error, () => 503);
      return context.json(body, status);
    }
    log(`[demo] ${context.req.method} ${context.req.path} failed: ${(error as Error).stack}`);
    return context.json(
      {
        error: {
          code: DemoErrorCode.INTERNAL_ERROR,
          message: 'The demo back end failed; its log says why.',
        },
      },
      500,
    );
  });
  app.notFound((context) =>
    context.json(
      { error: { code: DemoErrorCode.NOT_FOUND, message: `No route ${context.req.path}.` } },
      404,
    ),
  );
  const { replica } = state;
  if (replica) {
    // Which replica answered, for the developer panel: the proxy in front spreads requests.
    app.use(async (context, next) => {
      await next();
      context.res.headers.set('x-demo-replica', replica);
    });
  }
  app.use(
    guardRequests(
      new DemoAccess({
        appUrl: config.appUrl,
        backendUrl: config.backendUrl,
        allowedHosts: config.allowedHosts ?? [],
      }),
    ),
  );

  app.post('/webhooks/makini', (context) => receiveWebhook(context.req.raw));
  app.get('/api/health', (context) => health(context.req.raw));
  app.get('/api/health/events', (context) => health(context.req.raw));
  app.get('/api/link/settings', (context) =>
    context.json({ clientId: config.clientId, redirectUri, linkUrl: config.linkUrl }),
  );
  app.get('/api/connections', async (context) => context.json({ data: await connections.list() }));
  app.get('/api/alerts', async (context) => context.json({ data: await activity.read('alerts') }));
  app.get('/api/requests', async (context) =>
    context.json({ data: (await activity.read('requests')).slice(-100) }),
  );
  app.get('/api/webhooks', async (context) =>
    context.json({ data: (await activity.read('webhooks')).slice(-50) }),
  );
  app.get('/api/invalid-records', async (context) =>
    context.json({ data: await activity.read('invalidRecords') }),
  );

  app.post('/api/link/exchange', async (context) => {
    const body = await readJson(context, ExchangeBody);
    try {
      const tokens = await exchangeCode({
        baseUrl: config.makiniUrl,
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        code: body.code,
        redirectUri,
      });
      const entry = await connections.connect(tokens, body.connectionId);
      return context.json({ data: { key: entry.key, name: entry.name, platform: entry.platform } });
    } catch (error) {
      // A refused code is the caller's problem (400); Makini failing or unreachable is not (502).
      const answer = problem(error, (makini) =>
        'status' in makini && Number(makini.status) < 500 ? 400 : 502,
      );
      return context.json(answer.body, answer.status);
    }
  });

  // A page of orders, with the names of what they point to and, per order, its receipts and
  // invoices. Reference data comes from a per-connection cache; the documents of the ten visible
  // orders are read in parallel, four calls in flight, so a page turn costs 21 calls at most.
  app.get('/api/purchase-orders', async (context) => {
    const key = context.req.query('connection') ?? '';
    const client = await connections.client(key);
    if (!client) return context.json({ error: { message: `No connection ${key}` } }, 404);
    const pageText = context.req.query('page') ?? '1';
    const page = /^[1-9]\d{0,8}$/.test(pageText) ? Number(pageText) : undefined;
    if (page === undefined) {
      const reason = `must be a whole number from 1, got "${pageText.slice(0, 20)}"`;
      throw new DemoHttpError(400, DemoErrorCode.VALIDATION_ERROR, `page ${reason}.`, {
        page: [reason],
      });
    }
    try {
      const platform = (await state.connections.get(key))?.platform;
      const [orders, names] = await Promise.all([
        client.purchaseOrders.list({ page, perPage: 10, sort: { orderDate: 'desc' } }),
        references.get(key, client, platform),
      ]);
      const documents = await loadOrderDocuments(
        client,
        orders.data.map((order) => order.key),
      );
      return context.json({
        data: orders.data.map((order) => ({
          order,
          customFields: order.customFields,
          documents: documents[order.key],
        })),
        meta: orders.meta,
        invalidOrders: orders.invalidRecords.length,
        ...names,
      });
    } catch (error) {
      const answer = problem(error, (makini) => ('status' in makini ? 502 : 500));
      return context.json(answer.body, answer.status);
    }
  });

  devRoutes(app, admin);

  return {
    app,
    monitor,
    activity,
    store: state.connections,
    close: () => {
      monitor.dispose();
      connections.close();
    },
  };
}
