import type { DemoConfig } from './config.js';
import { sandboxAdmin } from './sandboxAdmin.js';

/**
 * Tells Makini (the sandbox's admin API) where the back end receives webhooks and where Link
 * returns. Once per start, before any back end runs: replicas share one webhook address (the
 * round-robin proxy), so one endpoint gets each delivery once.
 */
export async function registerWithMakini(config: DemoConfig) {
  const admin = sandboxAdmin(config.makiniUrl, config.sandboxAdminToken);
  await admin.addWebhookEndpoint(`${config.backendUrl}/webhooks/makini`, config.webhookSecret);
  await admin
    .addRedirectUri(config.clientId, `${config.appUrl}/link/callback`)
    .catch(() => undefined);
}
