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

/** The sandbox's public test client and a fixed webhook secret: the defaults for local runs only. */
const LOCAL_DEFAULTS = {
  MAKINI_URL: 'http://127.0.0.1:4010',
  MAKINI_CLIENT_ID: 'sandbox_client',
  MAKINI_CLIENT_SECRET: 'sandbox_secret',
  MAKINI_WEBHOOK_SECRET: 'whsec_bmV4dC1leGFtcGxlLXdlYmhvb2tzLWxvY2FsISE=',
  APP_URL: 'http://localhost:3000',
} as const;

/** Read at request time, not at build time: one build runs against any Makini. */
export function makiniConfig(env: Record<string, string | undefined> = process.env): MakiniConfig {
  const read = (name: keyof typeof LOCAL_DEFAULTS) => env[name] || LOCAL_DEFAULTS[name];
  return {
    makiniUrl: read('MAKINI_URL').replace(/\/+$/, ''),
    clientId: read('MAKINI_CLIENT_ID'),
    clientSecret: read('MAKINI_CLIENT_SECRET'),
    webhookSecret: read('MAKINI_WEBHOOK_SECRET'),
    appUrl: read('APP_URL').replace(/\/+$/, ''),
  };
}
