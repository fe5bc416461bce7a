import { IDEMPOTENCY_MAX_KEYS, IDEMPOTENCY_TTL_MS } from './data/IdempotencyStore.js';
import { SandboxOptionsError, SandboxOptionsErrorCode } from './SandboxOptionsError.js';
import type { WebhookEndpointOptions } from './webhooks/WebhookSender.js';

/** A Makini client (the SaaS product) registered with the sandbox. */
export interface SandboxClientOptions {
  /** The client id Link and the token endpoint take. */
  id: string;
  /** The client secret the token endpoint takes. */
  secret: string;
  /** What the consent page calls the app ("Connect <name> to your system"). @default the id */
  name?: string;
  /** Exact redirect URIs Link may send customers back to. */
  redirectUris: string[];
}

/**
 * Behaviours Makini's spec does not state (see FIDELITY.md); each can be switched off to test a
 * client against the spec alone.
 */
export interface SandboxAssumptions {
  /** `x-ratelimit-limit` / `-remaining` / `-reset` on every response while a rate limit is set. @default true */
  rateLimitHeaders?: boolean;
  /** `Idempotency-Key` on writes: a repeat answers the first reply; another body gets 409. @default true */
  idempotency?: boolean;
  /** `<record>.inserted` / `.updated` webhooks for resources beyond the documented families. @default true */
  recordWebhooks?: boolean;
  /**
   * A write body's field that the operation's request schema does not name is refused with 422.
   * Off, it is stored and read back in `customFields`. @default true
   */
  strictBodies?: boolean;
}

/** Makini's documented webhook retry schedule: exponential from 30 s, doubling, up to 24 h. */
export const MAKINI_WEBHOOK_RETRY_MS: readonly number[] = Array.from({ length: 13 }, (_, attempt) =>
  Math.min(30_000 * 2 ** attempt, 86_400_000),
);

/** Options of {@link startSandbox}; every one has a default that suits the demo. */
export interface SandboxOptions {
  /** Port to listen on; `0` picks a free one. @default 0 */
  port?: number;
  /**
   * Interface to bind. Anything but loopback (`'0.0.0.0'`, a LAN address) needs an `adminToken`.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Guards the admin API (`/__sandbox/*`): every admin request must send
   * `Authorization: Bearer <adminToken>`. Makini's own routes keep their own authentication.
   * @default none: the admin API is open to callers on this machine
   */
  adminToken?: string;
  /**
   * More host names the sandbox answers to, besides `localhost`, `127.0.0.1` and `[::1]` on its
   * port (a `Host` header naming anything else is refused, against DNS rebinding). `'name'` allows
   * any port, `'name:8080'` that port only: e.g. a Docker service name, or a proxy in front of it.
   * @default []
   */
  allowedHosts?: string[];
  /** Seed of every generated record and of probabilistic faults. @default 1 */
  seed?: number;
  /** Purchase orders per connection. @default 250 */
  orders?: number;
  /** Requests per connection per window; `0` turns the limit off. @default 0 */
  rateLimit?: number;
  /** Length of a rate-limit window. @default 60_000 */
  rateLimitWindowMs?: number;
  /** Registered clients. @default one client `sandbox_client` / `sandbox_secret` */
  clients?: SandboxClientOptions[];
  /** Webhook endpoints to send events to. @default [] */
  webhooks?: WebhookEndpointOptions[];
  /** Delays before each webhook retry; overrides `webhookRetry`. */
  webhookRetryScheduleMs?: number[];
  /**
   * Makini's retry schedule (30 s doubling up to 24 h) on a scaled clock: `scale: 1` is real time
   * (the CLI's default), `scale: 1 / 30` turns 30 s into 1 s. @default { scale: 1 / 30 }
   */
  webhookRetry?: {
    /** The clock's scale: `1` is real time. */
    scale?: number;
  };
  /** Switches for behaviours the spec does not state. @default every one on */
  assumptions?: SandboxAssumptions;
  /** Faults present from the start (also set through the admin API). */
  faults?: {
    /** Breaks every `every`th record of every list (see `admin.corruptRecords`). */
    corruptRecords?: {
      /** How often: `3` breaks every third record. */
      every: number;
    };
  };
  /**
   * How long each simulated sync stays `inprogress` before it ends (`sync.completed` or
   * `sync.failed`). A sync runs after every sign-in on the consent page, every connection created
   * through the API and every credential rotation; `admin.startSync` starts one at will. `0` ends
   * each sync at once, so `sync_status` is final as soon as the call that started it returns.
   * @default 0
   * @example startSandbox({ syncDurationMs: 1500 })
   */
  syncDurationMs?: number;
  /** Lifetime of an authorization code. @default 60_000 */
  codeTtlMs?: number;
  /** Lifetime of an access token (Makini: 30 days). @default 2_592_000_000 */
  accessTokenTtlMs?: number;
  /** Lifetime of a refresh token (Makini: 31 days). @default 2_678_400_000 */
  refreshTokenTtlMs?: number;
  /**
   * Refresh tokens rotate on every use, and one presented a second time revokes every token of its
   * authorization (its family). A replay within this many milliseconds of the first use is answered
   * with a new pair of the same family instead, revoking nothing, like Okta's grace period and
   * Auth0's reuse interval: a client that lost the first answer can try again. `0`: every replay
   * revokes. Makini's policy is not published (FIDELITY.md).
   * @default 0
   * @example startSandbox({ refreshTokenReuseGraceMs: 10_000 })
   */
  refreshTokenReuseGraceMs?: number;
  /** How `expires_in` is written: seconds from now (OAuth), or an epoch as Makini has sent it. @default 'seconds' */
  expiresInFormat?: 'seconds' | 'epoch' | 'epoch-string';
  /** Entries kept in the request log. @default 1000 */
  requestLogSize?: number;
  /**
   * How long an `Idempotency-Key`'s first reply is replayed, on the sandbox clock (`now`).
   * @default 86_400_000 (24 h, as Stripe keeps keys)
   */
  idempotencyTtlMs?: number;
  /**
   * `Idempotency-Key`s kept per connection; past it (or past 16 MiB of kept replies) the least
   * recently used is forgotten. @default 1000
   */
  idempotencyMaxKeys?: number;
  /** Largest accepted request body. @default 1_048_576 */
  maxBodyBytes?: number;
  /**
   * Keep connections, credentials and tokens in this JSON file, so a restarted sandbox still knows
   * the tokens it issued (the demo uses it). @default none: every start is fresh
   */
  stateFile?: string;
  /** Clock, for tests. @default Date.now */
  now?: () => number;
}

/** The client every sandbox registers unless `clients` says otherwise: `sandbox_client` / `sandbox_secret`. */
export const DEFAULT_CLIENT: SandboxClientOptions = {
  id: 'sandbox_client',
  secret: 'sandbox_secret',
  // Neutral: the consent page names the app the customer connects; register your own with `clients`.
  name: 'Sandbox App',
  redirectUris: ['http://localhost:5173/link/callback', 'http://127.0.0.1:5173/link/callback'],
};

export type ResolvedOptions = Required<
  Omit<SandboxOptions, 'webhooks' | 'stateFile' | 'adminToken' | 'assumptions' | 'webhookRetry'>
> & {
  assumptions: Required<SandboxAssumptions>;
  webhooks: WebhookEndpointOptions[];
  stateFile: string | undefined;
  adminToken: string | undefined;
};

const isLoopback = (host: string) =>
  host === 'localhost' ||
  host === '::1' ||
  /^127(?:\.\d{1,3}){3}$/.test(host) ||
  /^::ffff:127(?:\.\d{1,3}){3}$/i.test(host);

const HOST_PATTERN =
  /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

function checkAccessOptions(host: string, adminToken: unknown, allowedHosts: unknown[]) {
  if (adminToken !== undefined && (typeof adminToken !== 'string' || adminToken.trim() === '')) {
    throw new SandboxOptionsError(
      SandboxOptionsErrorCode.INVALID_ADMIN_TOKEN,
      'adminToken must be a non-empty string, e.g. one from `openssl rand -hex 32`.',
    );
  }
  if (!isLoopback(host) && adminToken === undefined) {
    throw new SandboxOptionsError(
      SandboxOptionsErrorCode.ADMIN_TOKEN_REQUIRED,
      `The sandbox would listen on ${host}, beyond this machine, where anyone could rotate credentials and read passwords through its admin API. Pass an admin token (adminToken option, --admin-token flag) or bind 127.0.0.1.`,
    );
  }
  for (const entry of allowedHosts) {
    if (typeof entry !== 'string' || !HOST_PATTERN.test(entry)) {
      throw new SandboxOptionsError(
        SandboxOptionsErrorCode.INVALID_ALLOWED_HOST,
        `allowedHosts entry ${JSON.stringify(entry)} is not a host name with an optional port, e.g. "sandbox" or "sandbox.internal:4010".`,
      );
    }
  }
}

function checkReuseGrace(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new SandboxOptionsError(
      SandboxOptionsErrorCode.INVALID_REFRESH_TOKEN_REUSE_GRACE,
      `refreshTokenReuseGraceMs must be a whole number of milliseconds from 0 (0 turns the grace period off), e.g. 10000; got ${typeof value === 'number' ? value : JSON.stringify(value)}.`,
    );
  }
  return value;
}

function checkSyncDuration(value: unknown): number {
  if (value === undefined) return 0;
  if (
    typeof value !== 'number' ||
    !Number.isSafeInteger(value) ||
    value < 0 ||
    value > 2 ** 31 - 1
  ) {
    throw new SandboxOptionsError(
      SandboxOptionsErrorCode.INVALID_SYNC_DURATION,
      `syncDurationMs must be a whole number of milliseconds from 0 to 2147483647 (0 ends every sync at once), e.g. 1500; got ${typeof value === 'number' ? value : JSON.stringify(value)}.`,
    );
  }
  return value;
}

/** Fills in defaults; throws `SandboxOptionsError` for unsafe or malformed options. */
export function resolveOptions(options: SandboxOptions): ResolvedOptions {
  const host = options.host ?? '127.0.0.1';
  const allowedHosts = options.allowedHosts ?? [];
  checkAccessOptions(host, options.adminToken, allowedHosts);
  const refreshTokenReuseGraceMs = checkReuseGrace(options.refreshTokenReuseGraceMs);
  const syncDurationMs = checkSyncDuration(options.syncDurationMs);
  return {
    port: options.port ?? 0,
    host,
    adminToken: options.adminToken,
    allowedHosts,
    seed: options.seed ?? 1,
    orders: options.orders ?? 250,
    rateLimit: options.rateLimit ?? 0,
    rateLimitWindowMs: options.rateLimitWindowMs ?? 60_000,
    clients: options.clients ?? [DEFAULT_CLIENT],
    webhooks: options.webhooks ?? [],
    webhookRetryScheduleMs:
      options.webhookRetryScheduleMs ??
      MAKINI_WEBHOOK_RETRY_MS.map((ms) => Math.round(ms * (options.webhookRetry?.scale ?? 1 / 30))),
    assumptions: {
      rateLimitHeaders: options.assumptions?.rateLimitHeaders ?? true,
      idempotency: options.assumptions?.idempotency ?? true,
      recordWebhooks: options.assumptions?.recordWebhooks ?? true,
      strictBodies: options.assumptions?.strictBodies ?? true,
    },
    faults: options.faults ?? {},
    codeTtlMs: options.codeTtlMs ?? 60_000,
    accessTokenTtlMs: options.accessTokenTtlMs ?? 30 * 86_400_000,
    refreshTokenTtlMs: options.refreshTokenTtlMs ?? 31 * 86_400_000,
    refreshTokenReuseGraceMs,
    syncDurationMs,
    expiresInFormat: options.expiresInFormat ?? 'seconds',
    requestLogSize: options.requestLogSize ?? 1000,
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    idempotencyTtlMs: options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS,
    idempotencyMaxKeys: options.idempotencyMaxKeys ?? IDEMPOTENCY_MAX_KEYS,
    now: options.now ?? Date.now,
    stateFile: options.stateFile,
  };
}
