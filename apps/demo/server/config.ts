import { fileURLToPath } from 'node:url';
import { DEFAULT_CLIENT } from '@makini-kit/sandbox';

/** Fixed, documented ports and the demo's Makini client (the sandbox's default client). */
export interface DemoConfig {
  /** The Makini API (the embedded sandbox unless MAKINI_URL points elsewhere). */
  makiniUrl: string;
  /** Where the customer's browser meets Link (same host as the API for the sandbox). */
  linkUrl: string;
  clientId: string;
  clientSecret: string;
  webhookSecret: string;
  /** The front end's origin; Link returns to `${appUrl}/link/callback`. */
  appUrl: string;
  /** The back end's own address, where webhooks arrive. */
  backendUrl: string;
  dataFile: string;
  /**
   * More names the demo is reached as, besides localhost, 127.0.0.1 and [::1] on its ports:
   * `name` (any port) or `name:port`. Other `Host`s are refused. @default []
   */
  allowedHosts?: string[];
  /** Sent to a sandbox that guards its admin API (`MAKINI_SANDBOX_ADMIN_TOKEN`). @default none */
  sandboxAdminToken?: string;
}

export const DEMO_PORTS = { app: 5173, backend: 3001, sandbox: 4010 } as const;

export const DEFAULT_DATA_FILE = fileURLToPath(new URL('../data/tokens.json', import.meta.url));

/** The secret the sandbox signs the demo's webhooks with. Fixed: the demo is a local playground. */
export const WEBHOOK_SECRET = `whsec_${Buffer.from('acme-procurement-demo-webhooks!!').toString('base64')}`;

/** The configuration every back end of one demo run shares, from where its parts listen. */
export function demoConfig(options: {
  makiniUrl: string;
  appUrl: string;
  backendUrl: string;
  dataFile: string;
  allowedHosts?: string[] | undefined;
  sandboxAdminToken?: string | undefined;
}): DemoConfig {
  return {
    makiniUrl: options.makiniUrl,
    linkUrl: options.makiniUrl,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
    webhookSecret: WEBHOOK_SECRET,
    appUrl: options.appUrl,
    backendUrl: options.backendUrl,
    dataFile: options.dataFile,
    allowedHosts: options.allowedHosts ?? [],
    ...(options.sandboxAdminToken ? { sandboxAdminToken: options.sandboxAdminToken } : {}),
  };
}
