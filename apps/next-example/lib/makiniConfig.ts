/** Where the example reaches Makini (or the sandbox) and where it is reached. Server side only. */
export interface MakiniConfig {
  /** Makini's API, and Link (the same host for the sandbox). */
  makiniUrl: string;
  clientId: string;
  /** Never sent to a browser: only route handlers and Server Components read it. */
  clientSecret: string;
  /** The webhook endpoint's signing secret (`whsec_…`). */
  webhookSecret: string;
  /** This app's origin; Link returns to `${appUrl}/link/callback`. */
  appUrl: string;
}

import { MissingConfigError } from './MissingConfigError';

export { MissingConfigError };

/**
 * The sandbox's public test client and a fixed webhook secret: the defaults in development only.
 * They are printed here, so a deployment using them would take anyone's signed webhooks.
 */
const LOCAL_DEFAULTS = {
  MAKINI_URL: 'http://127.0.0.1:4010',
  MAKINI_CLIENT_ID: 'sandbox_client',
  MAKINI_CLIENT_SECRET: 'sandbox_secret',
  MAKINI_WEBHOOK_SECRET: 'whsec_bmV4dC1leGFtcGxlLXdlYmhvb2tzLWxvY2FsISE=',
  APP_URL: 'http://localhost:3000',
} as const;

type Variable = keyof typeof LOCAL_DEFAULTS;

/**
 * Read at request time, not at build time: one build runs against any Makini. Outside development
 * (`next start` and `next build` run with NODE_ENV=production) every variable must be set: a
 * missing one throws a `MissingConfigError` naming it, so requests fail rather than trust a
 * public secret.
 */
export function makiniConfig(env: Record<string, string | undefined> = process.env): MakiniConfig {
  const development = env.NODE_ENV === 'development';
  const missing = (Object.keys(LOCAL_DEFAULTS) as Variable[]).filter((name) => !env[name]);
  if (!development && missing.length > 0) throw new MissingConfigError(missing);
  const read = (name: Variable) => env[name] || LOCAL_DEFAULTS[name];
  return {
    makiniUrl: read('MAKINI_URL').replace(/\/+$/, ''),
    clientId: read('MAKINI_CLIENT_ID'),
    clientSecret: read('MAKINI_CLIENT_SECRET'),
    webhookSecret: read('MAKINI_WEBHOOK_SECRET'),
    appUrl: read('APP_URL').replace(/\/+$/, ''),
  };
}
