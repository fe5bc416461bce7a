import { fileURLToPath } from 'node:url';
import {
  ConnectionHealthMonitor,
  createHealthHandler,
  exchangeCode,
  toNodeHealthHandler,
} from '@makini-kit/core';
import {
  createWebhookHandler,
  MemoryDedupeStore,
  toExpressMiddleware,
} from '@makini-kit/webhook-node';
import express from 'express';
import { config } from './config.js';
import { connect, connectAll, connections, credentials } from './connections.js';
import { jsonErrors, sendError } from './errors.js';
import { onlyThisApp } from './onlyThisApp.js';

const monitor = new ConnectionHealthMonitor({
  onAlert: (alert) => console.warn(`[alert] ${alert.connectionId}: ${alert.reason}`),
});
await connectAll(monitor);

const webhooks = createWebhookHandler({
  secret: config.webhookSecret,
  dedupe: new MemoryDedupeStore(),
  on: {
    'connection.reauthorization_required': (event) => monitor.applyEvent(event),
    'connection.reauthorized': (event) => monitor.applyEvent(event),
  },
});

const app = express();
// First of all: requests from other sites' pages, or to a rebound name, get no further.
app.use(onlyThisApp);
// Before express.json(): the signature covers the raw bytes.
app.post('/webhooks/makini', toExpressMiddleware(webhooks));
app.use(express.json());

// The JSON snapshot, and its live updates (Server-Sent Events) at /api/health/events.
app.get(['/api/health', '/api/health/events'], toNodeHealthHandler(createHealthHandler(monitor)));

app.get('/api/connections', (_request, response) => {
  response.json([...connections].map(([id, { name, platform }]) => ({ id, name, platform })));
});

app.get('/api/purchase-orders', async (request, response) => {
  const connection = connections.get(String(request.query.connection));
  if (!connection) return sendError(response, 404, 'NOT_FOUND', 'No such connection.');
  response.json(await connection.client.purchaseOrders.list({ perPage: 10 }));
});

// The Link code from <ReconnectButton>: exchanged here, with the client secret.
app.post('/api/link/exchange', async (request, response) => {
  const { code, connectionId } = request.body ?? {};
  if (typeof code !== 'string') {
    const why = 'Send { code, connectionId } as JSON, with content-type: application/json.';
    return sendError(response, 400, 'BAD_REQUEST', why);
  }
  const redirectUri = `${config.appUrl}/link/callback`;
  const tokens = await exchangeCode({ ...credentials, code, redirectUri });
  // The token is for the connection Makini names: one the browser sends could be anyone's.
  if (!tokens.connection_id) {
    const why = 'Makini did not say which connection the code is for, so its token is not used.';
    return sendError(response, 502, 'NO_CONNECTION_ID', why);
  }
  // Signing in to another system or account makes a new connection, not a repaired one: say so.
  if (typeof connectionId === 'string' && connectionId !== tokens.connection_id) {
    const why = `That sign-in connected another account (${tokens.connection_id}), not ${connectionId}: reconnect with the same system and username.`;
    return sendError(response, 409, 'OTHER_ACCOUNT', why);
  }
  await connect(monitor, tokens.connection_id, tokens.access_token);
  response.json({ connectionId: tokens.connection_id });
});

// The built web app (`npm run build` in ../frontend), from the same origin as the API.
const web = fileURLToPath(new URL('../../frontend/dist/', import.meta.url));
app.use(express.static(web));
app.get('/link/callback', (_request, response) => response.sendFile(`${web}index.html`));

// Last: anything that threw above answers JSON, without a stack.
app.use(jsonErrors);

app.listen(config.port, config.host, () =>
  console.log(`Back end listening on http://${config.host}:${config.port}`),
);
