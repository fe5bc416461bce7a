import { ConnectionHealthMonitor, createHealthHandler, ReconnectLinks } from '@makini-kit/core';
import { Hono } from 'hono';
import { answerError } from './answerError.js';
import type { BackendState } from './BackendState.js';
import type { DemoConfig } from './config.js';
import { DemoAccess } from './DemoAccess.js';
import { DemoConnections } from './DemoConnections.js';
import { DemoErrorCode } from './DemoErrorCode.js';
import { DemoHttpError } from './DemoHttpError.js';
import { devRoutes } from './devRoutes.js';
import { guardRequests } from './guardRequests.js';
import { linkRoutes } from './linkRoutes.js';
import { loadOrderDocuments } from './orderDocuments.js';
import { problem } from './problem.js';
import { ReferenceData } from './ReferenceData.js';
import { receiveWebhooks } from './receiveWebhooks.js';
import { reopenConnections } from './reopenConnections.js';
import { SystemApi } from './SystemApi.js';
import { sandboxAdmin } from './sandboxAdmin.js';

/**
 * Where a real product would e-mail the customer; the demo logs it. `link` is the reconnect link
 * the e-mail carries (to the app's `/reconnect` page), when one could be minted.
 */
export type NotifyCustomer = (alert: {
  connectionId: string;
  reason: string;
  link?: string;
}) => void;

/**
 * The demo's back end: holds the tokens, calls Makini, watches health, receives webhooks, and gives
 * the browser health, purchase orders and developer data — never a token. `state` says where what
 * outlives a request is kept: a file and memory for one process, Redis for replicas.
 */
export async function createBackend(
  config: DemoConfig,
  state: BackendState,
  options: {
    /** Sign reconnect links, the first one signing (see `loadReconnectLinkSecrets`). */
    reconnectLinkSecrets: readonly string[];
    notifyCustomer?: NotifyCustomer;
    log?: (line: string) => void;
  },
) {
  const log = options.log ?? ((line: string) => console.log(line));
  const { activity } = state;
  // The link is a way in for whoever holds it: the log says one was sent, the banner shows it.
  const notify: NotifyCustomer =
    options.notifyCustomer ??
    ((alert) =>
      log(
        `[alert] would email the customer of ${alert.connectionId}: ${alert.reason}${alert.link ? " (with a reconnect link, shown in the app's alert banner)" : ''}`,
      ));
  const links = new ReconnectLinks({
    secrets: options.reconnectLinkSecrets,
    ...(state.usedLinks ? { usedLinks: state.usedLinks } : {}),
  });
  const reconnectPage = `${config.appUrl}/reconnect`;
  const mintLink = (connectionId: string) => links.create({ connectionId, url: reconnectPage });
  // The alert e-mail carries a fresh link; an alert without one still goes out.
  const raise = async (alert: Parameters<typeof activity.alert>[0]) => {
    if (alert.kind !== 'reauthorization_required') return activity.alert(alert);
    const link = await mintLink(alert.connectionId).catch((error: Error) => {
      log(`[alert] no reconnect link for ${alert.connectionId}: ${error.message}`);
      return undefined;
    });
    activity.alert(alert, link && { url: link.url, expiresAt: link.expiresAt });
    notify({
      connectionId: alert.connectionId,
      reason: alert.reason,
      ...(link ? { link: link.url } : {}),
    });
  };
  const monitor = new ConnectionHealthMonitor({
    pollIntervalMs: 5_000,
    ...(state.healthBus ? { bus: state.healthBus } : {}),
    ...(state.pollLeases ? { leases: state.pollLeases } : {}),
    ...(state.replica ? { replicaId: state.replica } : {}),
    // With replicas, one of them (whichever claims it) raises each alert.
    onAlert: (alert) => void raise(alert),
  });
  const connections = new DemoConnections(config, state, monitor);
  const references = new ReferenceData();
  const admin = sandboxAdmin(config.makiniUrl, config.sandboxAdminToken);
  const system = new SystemApi(config);

  const receiveWebhook = receiveWebhooks(config.webhookSecret, state, monitor, log);

  await reopenConnections(config, connections, admin, log);
  await monitor.check();

  const health = createHealthHandler(monitor);
  const app = new Hono();
  // Every failure is JSON with a code; stack traces stay in the log.
  app.onError(answerError(log));
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
    context.json({
      clientId: config.clientId,
      redirectUri: `${config.appUrl}/link/callback`,
      linkUrl: config.linkUrl,
    }),
  );
  app.get('/api/connections', async (context) => {
    const list = await connections.list();
    // The system's name for the customer; a platforms list Makini fails to send costs only that.
    const names = await Promise.all(
      list.map((entry) => system.systemName(entry.platform).catch(() => entry.platform)),
    );
    return context.json({ data: list.map((entry, index) => ({ ...entry, system: names[index] })) });
  });
  app.delete('/api/connections/:key', async (context) => {
    const key = context.req.param('key');
    if (!(await connections.disconnect(key, system))) {
      throw new DemoHttpError(404, DemoErrorCode.NOT_FOUND, `No connection ${key}.`);
    }
    return context.json({ data: null });
  });
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

  linkRoutes(app, { config, connections, store: state.connections, monitor, links, system });

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

  devRoutes(app, admin, mintLink);

  return {
    app,
    monitor,
    activity,
    store: state.connections,
    close: () => {
      monitor.dispose();
      connections.close();
      system.close();
    },
  };
}
