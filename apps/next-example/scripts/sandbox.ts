import { DEFAULT_CLIENT, startSandbox } from '@makini-kit/sandbox';
import { makiniConfig } from '../lib/makiniConfig';

/**
 * `pnpm sandbox`: a local sandbox on :4010 that knows this app: its Link callback (on APP_URL,
 * http://localhost:3000 by default) and both webhook routes, signed with the app's secret.
 */
// The sandbox is local: its defaults apply whatever NODE_ENV the shell has.
const config = makiniConfig({ ...process.env, NODE_ENV: 'development' });
const sandbox = await startSandbox({ port: 4010 });
sandbox.admin.addRedirectUri(DEFAULT_CLIENT.id, `${config.appUrl}/link/callback`);
for (const path of ['/api/makini/webhooks', '/api/makini/webhooks/edge']) {
  sandbox.admin.addWebhookEndpoint({
    url: `${config.appUrl}${path}`,
    secret: config.webhookSecret,
  });
}
const [account] = sandbox.admin.connections();
console.log(`Sandbox on ${sandbox.url}, for the app on ${config.appUrl}.`);
if (account) {
  console.log(
    `Rotate a customer's password: curl -X POST -H 'content-type: application/json' ${sandbox.url}/__sandbox/connections/${account.connectionKey}/rotate-credentials`,
  );
}
process.once('SIGINT', () => void sandbox.close().then(() => process.exit(0)));
