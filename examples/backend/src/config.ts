/**
 * Settings, from the environment. Pointed at a sandbox on this machine (the default: `npm run
 * sandbox`), the back end uses the sandbox's published test credentials; pointed anywhere else,
 * each must be set, so a secret printed in a README never guards a real deployment.
 */
const makiniUrl = process.env.MAKINI_URL ?? 'http://127.0.0.1:4010';
const sandbox = ['localhost', '127.0.0.1', '[::1]'].includes(new URL(makiniUrl).hostname);

function setting(name: string, sandboxValue: string): string {
  const value = process.env[name];
  if (value) return value;
  if (sandbox) return sandboxValue;
  throw new Error(`Set ${name}: MAKINI_URL is ${makiniUrl}, not a sandbox on this machine.`);
}

export const config = {
  port: Number(process.env.PORT ?? 3000),
  // 127.0.0.1: only this machine can call the API. Serving a network (a container, behind a proxy)
  // takes HOST=0.0.0.0, and APP_URL set to the public address.
  host: process.env.HOST ?? '127.0.0.1',
  makiniUrl,
  clientId: setting('MAKINI_CLIENT_ID', 'sandbox_client'),
  clientSecret: setting('MAKINI_CLIENT_SECRET', 'sandbox_secret'),
  // The same secret `npm run sandbox` signs with.
  webhookSecret: setting(
    'MAKINI_WEBHOOK_SECRET',
    'whsec_bWFraW5pLXF1aWNrc3RhcnQtc2FuZGJveC1vbmx5ISE=',
  ),
  // Where the browser app runs: Vite's dev server, or this server once the app is built. Its host
  // and origin are the only ones, besides loopback on PORT, that `onlyThisApp` lets in.
  appUrl: process.env.APP_URL ?? 'http://localhost:5173',
};
