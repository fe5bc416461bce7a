import type { Hono } from 'hono';
import { readJson } from './readJson.js';
import { FaultsBody, MintLinkBody, RateLimitBody, RotateBody } from './requestBodies.js';
import type { SandboxAdminClient } from './sandboxAdmin.js';

/**
 * The developer panel's routes: play the failure story against the sandbox, and mint the reconnect
 * link an alert e-mail would carry, for any connection.
 */
export function devRoutes(
  app: Hono,
  admin: SandboxAdminClient,
  mintLink: (connectionId: string) => Promise<{ url: string; expiresAt: number }>,
) {
  app.post('/api/dev/reconnect-link', async (context) => {
    const { connectionId } = await readJson(context, MintLinkBody);
    const { url, expiresAt } = await mintLink(connectionId);
    return context.json({ data: { connectionId, url, expiresAt } });
  });
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
}
