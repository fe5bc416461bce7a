import {
  AuthenticationError,
  ConnectionHealthMonitor,
  createHealthHandler,
  exchangeCode,
  MakiniError,
  ReauthorizationRequiredError,
} from '@makini-kit/core';
import { createWebhookHandler, MemoryDedupeStore, toFetchHandler } from '@makini-kit/webhook-node';
import { Hono } from 'hono';
import { Activity } from './Activity.js';
import type { DemoConfig } from './config.js';
import { DemoAccess } from './DemoAccess.js';
import { DemoConnections } from './DemoConnections.js';
import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';
import { guardRequests } from './guardRequests.js';
import { loadOrderDocuments } from './orderDocuments.js';
import { ReferenceData } from './ReferenceData.js';
import { readJson } from './readJson.js';
import { ExchangeBody, FaultsBody, RateLimitBody, RotateBody } from './requestBodies.js';
import { consentAs, SandboxAdminError, sandboxAdmin } from './sandboxAdmin.js';
import { TokenStore } from './TokenStore.js';

/** Where a real product would email the customer; the demo logs it. */
export type NotifyCustomer = (alert: { connectionId: string; reason: string }) => void;

/**
 * The demo's back end: holds the tokens, calls Makini, watches health, receives webhooks, and gives
 * the browser health, purchase orders and developer data — never a token.
 */
export async function createBackend(
  config: DemoConfig,
  options: { notifyCustomer?: NotifyCustomer; log?: (line: string) => void } = {},
) {
  const log = options.log ?? ((line: string) => console.log(line));
  const activity = new Activity();
  const store = new TokenStore(config.dataFile);
  await store.load();
  const notify: NotifyCustomer =
    options.notifyCustomer ??
    ((alert) => log(`[alert] would email the customer of ${alert.connectionId}: ${alert.reason}`));
  const monitor = new ConnectionHealthMonitor({
    pollIntervalMs: 5_000,
    onAlert: (alert) => {
      activity.alert(alert);
      if (alert.kind === 'reauthorization_required') notify(alert);
    },
  });
  const connections = new DemoConnections(config, store, monitor, activity);
  const references = new ReferenceData();
  const admin = sandboxAdmin(config.makiniUrl, config.sandboxAdminToken);
  const redirectUri = `${config.appUrl}/link/callback`;
  const secrets = {
    baseUrl: config.makiniUrl,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
  };

  // Webhooks: registered with the sandbox, verified, deduplicated, fed to the monitor.
  const webhooks = createWebhookHandler({
    secret: config.webhookSecret,
    dedupe: new MemoryDedupeStore(),
    on: {
      'connection.reauthorization_required': (event) => monitor.applyEvent(event),
      'connection.reauthorized': (event) => {
        monitor.applyEvent(event);
        activity.dismissFor(event.connection_id);
      },
      'connection.status_changed': (event) => monitor.applyEvent(event),
      'sync.completed': (event) => monitor.applyEvent(event),
      'sync.failed': (event) => monitor.applyEvent(event),
    },
    onUnhandled: () => undefined,
    onError: (error) => log(`[webhook] refused: ${(error as Error).message}`),
  });
  // Every delivery goes to the developer panel, described by the verified event alone: what a
  // refused request claims about itself is not shown.
  const receiveWebhook = toFetchHandler({
    maxBodyBytes: webhooks.maxBodyBytes,
    handle: async (delivery) => {
      const result = await webhooks.handle(delivery);
      activity.webhook({
        id: result.event?.id ?? '(refused)',
        type: result.event?.type ?? '(refused)',
        connectionId: result.event?.connection_id ?? '',
        receivedAt: Date.now(),
        status: result.status,
      });
      return result;
    },
  });
  await admin.addWebhookEndpoint(`${config.backendUrl}/webhooks/makini`, config.webhookSecret);
  await admin.addRedirectUri(config.clientId, redirectUri).catch(() => undefined);

  // Connections: reopen what was stored; (re)connect the sandbox's seeded customers it does not know.
  const seeded = await admin.connections();
  for (const entry of store.list()) {
    const client = connections.open(entry);
    try {
      await client.integrations.current({ maxRetries: 0 });
    } catch (error) {
      const staleToken = AuthenticationError.is(error) && !ReauthorizationRequiredError.is(error);
      if (staleToken && seeded.some((account) => account.connectionKey === entry.key)) {
        log(
          `[demo] stored token for ${entry.key} is unknown to this Makini (a fresh sandbox): reconnecting`,
        );
        const account = seeded.find((candidate) => candidate.connectionKey === entry.key);
        if (account)
          await connections.connect(
            await exchangeCode({
              ...secrets,
              redirectUri,
              code: await consentAs({ ...config, redirectUri }, account),
            }),
          );
      }
    }
  }
  for (const account of seeded) {
    if (store.get(account.connectionKey) || account.status !== 'active') continue;
    const code = await consentAs({ ...config, redirectUri }, account);
    await connections.connect(await exchangeCode({ ...secrets, code, redirectUri }));
  }
  await monitor.check();

  const health = createHealthHandler(monitor);
  const app = new Hono();
  const problem = (error: unknown) => ({
    error: MakiniError.is(error)
      ? { kind: error.kind, code: error.code, message: error.message, requestId: error.requestId }
      : { code: DemoErrorCode.INTERNAL_ERROR, message: 'Unexpected error' },
  });
  // Every failure is JSON with a code; stack traces stay in the log.
  app.onError((error, context) => {
    if (error instanceof DemoHttpError) return context.json(error.toJSON(), error.status);
    if (error instanceof SandboxAdminError) {
      const status = error.status === 404 ? 404 : error.status < 500 ? 400 : 502;
      const code = status === 404 ? DemoErrorCode.NOT_FOUND : DemoErrorCode.SANDBOX_ERROR;
      return context.json({ error: { code, message: error.message } }, status);
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
  app.get('/api/connections', (context) => context.json({ data: connections.list() }));
  app.get('/api/alerts', (context) => context.json({ data: activity.alerts }));
  app.get('/api/requests', (context) => context.json({ data: activity.requests.slice(-100) }));
  app.get('/api/webhooks', (context) => context.json({ data: activity.webhooks.slice(-50) }));

  app.post('/api/link/exchange', async (context) => {
    const body = await readJson(context, ExchangeBody);
    try {
      const tokens = await exchangeCode({ ...secrets, code: body.code, redirectUri });
      const entry = await connections.connect(tokens, body.connectionId);
      return context.json({ data: { key: entry.key, name: entry.name, platform: entry.platform } });
    } catch (error) {
      // A refused code is the caller's problem (400); Makini failing or unreachable is not (502).
      const refused = MakiniError.is(error) && 'status' in error && Number(error.status) < 500;
      return context.json(problem(error), refused ? 400 : 502);
    }
  });

  // A page of orders, with the names of what they point to and, per order, its receipts and
  // invoices. Reference data comes from a per-connection cache; the documents of the ten visible
  // orders are read in parallel, four calls in flight, so a page turn costs 21 calls at most.
  app.get('/api/purchase-orders', async (context) => {
    const key = context.req.query('connection') ?? '';
    const client = connections.client(key);
    if (!client) return context.json({ error: { message: `No connection ${key}` } }, 404);
    const pageText = context.req.query('page') ?? '1';
    const page = /^[1-9]\d{0,8}$/.test(pageText) ? Number(pageText) : undefined;
    if (page === undefined) {
      const problem = `must be a whole number from 1, got "${pageText.slice(0, 20)}"`;
      throw new DemoHttpError(400, DemoErrorCode.VALIDATION_ERROR, `page ${problem}.`, {
        page: [problem],
      });
    }
    try {
      const [orders, names] = await Promise.all([
        client.purchaseOrders.list({ page, perPage: 10, sort: { orderDate: 'desc' } }),
        references.get(key, client, store.get(key)?.platform),
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
      return context.json(problem(error), MakiniError.is(error) && 'status' in error ? 502 : 500);
    }
  });
  app.get('/api/invalid-records', (context) => context.json({ data: activity.invalidRecords }));

  // Developer panel: play the failure story against the sandbox.
  app.post('/api/dev/rotate', async (context) => {
    const { connectionId } = await readJson(context, RotateBody);
    return context.json({ data: await admin.rotateCredentials(connectionId) });
  });
  app.post('/api/dev/faults', async (context) => {
    const { kind } = await readJson(context, FaultsBody);
    const rule =
      kind === 'rate_limit'
        ? { route: '/api/erp/', kind: 'rate_limit', retryAfterSeconds: 2, probability: 0.3 }
        : { route: '/api/erp/', kind: 'error', status: 503, probability: 0.3 };
    return context.json({ data: await admin.addFault(rule) });
  });
  app.delete('/api/dev/faults', async (context) => {
    await admin.clearFaults();
    await admin.setRateLimit(0);
    return context.json({ data: null });
  });
  app.post('/api/dev/rate-limit', async (context) => {
    const { limit } = await readJson(context, RateLimitBody);
    await admin.setRateLimit(limit);
    return context.json({ data: { limit } });
  });
  app.get('/api/dev/credentials', async (context) => {
    // The sandbox's customer accounts, so a person playing the demo can type them on the consent page.
    const accounts = await admin.connections();
    return context.json({
      data: accounts.map(({ connectionKey, platform, username, password }) => ({
        connectionKey,
        platform,
        username,
        password,
      })),
    });
  });

  return {
    app,
    monitor,
    activity,
    store,
    close: () => {
      monitor.dispose();
      connections.close();
    },
  };
}
