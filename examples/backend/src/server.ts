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
// Before express.json(): the signature covers the raw bytes.
app.post('/webhooks/makini', toExpressMiddleware(webhooks));
app.use(express.json());

// The JSON snapshot, and its live updates (Server-Sent Events) at /api/health/events.
app.get(['/api/health', '/api/health/events'], toNodeHealthHandler(createHealthHandler(monitor)));

app.get('/api/connections', (_request, response) => {
  response.json([...connections].map(([id, { name }]) => ({ id, name })));
});

app.get('/api/purchase-orders', async (request, response) => {
  const connection = connections.get(String(request.query.connection));
  if (!connection) return void response.status(404).json({ error: 'No such connection.' });
  response.json(await connection.client.purchaseOrders.list({ perPage: 10 }));
});

// The Link code from <ReconnectButton>: exchanged here, with the client secret.
app.post('/api/link/exchange', async (request, response) => {
  const { code, connectionId } = request.body ?? {};
  if (typeof code !== 'string' || typeof connectionId !== 'string') {
    return void response.status(400).json({ error: 'Send { code, connectionId } as JSON.' });
  }
  try {
    const redirectUri = `${config.appUrl}/link/callback`;
    const tokens = await exchangeCode({ ...credentials, code, redirectUri });
    await connect(monitor, tokens.connection_id ?? connectionId, tokens.access_token);
    response.json({ connectionId: tokens.connection_id ?? connectionId });
  } catch (error) {
    response.status(400).json({ error: (error as Error).message });
  }
});

// The built web app (`npm run build` in ../frontend), from the same origin as the API.
const web = fileURLToPath(new URL('../../frontend/dist/', import.meta.url));
app.use(express.static(web));
app.get('/link/callback', (_request, response) => response.sendFile(`${web}index.html`));

app.listen(config.port, () => console.log(`Back end listening on http://localhost:${config.port}`));
