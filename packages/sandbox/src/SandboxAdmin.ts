import type { FaultRule, FaultRuleInput } from './behaviours/FaultInjector.js';
import type { RequestLogEntry } from './behaviours/RequestLog.js';
import type { AccountCredentials, SandboxState } from './SandboxState.js';
import { statusOf } from './state/ConnectionRegistry.js';
import type { SandboxStats } from './state/GrantStats.js';
import {
  SANDBOX_SYNC_OUTCOMES,
  type SandboxSync,
  type SandboxSyncOutcome,
} from './state/SyncRunner.js';
import type {
  DeliveryAttempt,
  SentEvent,
  WebhookEndpoint,
  WebhookEndpointOptions,
} from './webhooks/WebhookSender.js';

/** A connection as the admin API describes it, credentials included (sandbox only). */
export interface AdminConnection extends AccountCredentials {
  /** The connection's display name. */
  name: string;
  /** Its platform's display name, e.g. `SAP S/4HANA`. */
  platformName: string;
  /** Makini's status text, e.g. `active` or `reauthorization_required`. */
  status: string;
  /** How many purchase orders it holds. */
  orders: number;
}

/**
 * Control of a running sandbox from tests and tools. Every method has an HTTP twin under
 * `/__sandbox/` (see the package README).
 */
export class SandboxAdmin {
  /** @internal `startSandbox` makes it: use `sandbox.admin`. */
  constructor(private readonly state: SandboxState) {}

  /** Every connection with its current credentials. */
  connections(): AdminConnection[] {
    return this.state.registry.list().map((connection) => ({
      ...this.state.credentialsOf(connection),
      name: connection.name,
      platformName: connection.platform.name,
      status: statusOf(connection),
      orders: connection.orders.count,
    }));
  }

  /**
   * "The customer changed their system password": the connection's calls fail with 401
   * `REAUTHORIZATION_REQUIRED` and a `connection.reauthorization_required` webhook goes out.
   * Returns the new credentials to enter on the consent page.
   */
  rotateCredentials(connectionKey: string): AccountCredentials {
    const credentials = this.state.rotateCredentials(connectionKey);
    if (!credentials) throw new Error(`No connection ${connectionKey}; see admin.connections().`);
    return credentials;
  }

  /**
   * Starts a sync of a connection now, as Makini does after a connection is made or reconnected:
   * `sync_status` is `inprogress` for `syncDurationMs` (announced with a
   * `connection.status_changed` carrying `sync_status`), then the outcome, with `sync.completed`
   * or `sync.failed`. Without `outcome`, a connection whose credentials were rotated ends `fail`,
   * any other `done`. A sync started while one runs replaces it: a test can hold one `inprogress`
   * with a long `durationMs`, then end it with another of `durationMs: 0`.
   *
   * @throws {RangeError} for an outcome other than `done`, `fulldone`, `error` or `fail`, or a
   * `durationMs` that is not a whole number of ms from 0 to 2^31-1.
   * @example
   * sandbox.admin.rotateCredentials(key);
   * sandbox.admin.startSync(key); // ends `fail`, with sync.failed
   * sandbox.admin.startSync(key, { outcome: 'error' });
   */
  startSync(
    connectionKey: string,
    options: {
      outcome?: SandboxSyncOutcome;
      /** How long this sync stays `inprogress`. @default the sandbox's `syncDurationMs` */
      durationMs?: number;
    } = {},
  ): SandboxSync {
    const { outcome, durationMs } = options;
    if (outcome !== undefined && !SANDBOX_SYNC_OUTCOMES.includes(outcome)) {
      throw new RangeError(
        `outcome must be one of ${SANDBOX_SYNC_OUTCOMES.join(', ')}, or absent; got ${JSON.stringify(outcome)}.`,
      );
    }
    if (
      durationMs !== undefined &&
      !(Number.isSafeInteger(durationMs) && durationMs >= 0 && durationMs <= 2 ** 31 - 1)
    ) {
      throw new RangeError(
        `durationMs must be a whole number of milliseconds from 0 to 2147483647, or absent; got ${JSON.stringify(durationMs)}.`,
      );
    }
    const sync = this.state.startSync(connectionKey, outcome, durationMs);
    if (!sync) throw new Error(`No connection ${connectionKey}; see admin.connections().`);
    return sync;
  }

  /** Sends a webhook event of any type for a connection. */
  trigger(type: string, connectionKey: string, data?: Record<string, unknown>): SentEvent {
    return this.state.trigger(type, connectionKey, data);
  }

  /** Injects a fault; resolves to the rule with its `id` (to remove it). */
  addFault(rule: FaultRuleInput): FaultRule {
    return this.state.faults.add(rule);
  }

  /** The fault rules in force, with how often each fired. */
  faults(): FaultRule[] {
    return this.state.faults.list();
  }

  /** Removes one fault rule; `false` when there is none of that id. */
  removeFault(id: string): boolean {
    return this.state.faults.remove(id);
  }

  /** Breaks every `every`th record of every list, a different way each time; `0` stops it. */
  corruptRecords(every: number) {
    this.state.faults.corruptRecords(every);
  }

  /** Removes every fault rule, and stops corrupting records. */
  clearFaults() {
    this.state.faults.clear();
  }

  /** Sets the per-connection limit (`0` turns it off) and starts fresh windows. */
  setRateLimit(limit: number, windowMs?: number) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new RangeError('limit must be a non-negative integer.');
    if (windowMs !== undefined && !(Number.isInteger(windowMs) && windowMs > 0)) {
      throw new RangeError('windowMs must be a positive integer.');
    }
    this.state.limiter.configure(limit, windowMs);
  }

  /** Starts sending webhooks to a URL; the endpoint carries its `id` and secrets. */
  addWebhookEndpoint(options: WebhookEndpointOptions): WebhookEndpoint {
    return this.state.webhooks.register(options);
  }

  /** Stops sending to an endpoint; `false` when there is none of that id. */
  removeWebhookEndpoint(id: string): boolean {
    return this.state.webhooks.unregister(id);
  }

  /** The endpoints webhooks go to. */
  webhookEndpoints(): WebhookEndpoint[] {
    return this.state.webhooks.listEndpoints();
  }

  /** Every delivery attempt so far, oldest first. */
  deliveries(): DeliveryAttempt[] {
    return this.state.webhooks.listAttempts();
  }

  /** Resolves with the first delivery attempt, past or future, that matches. */
  waitForDelivery(
    match: (attempt: DeliveryAttempt) => boolean,
    timeoutMs?: number,
  ): Promise<DeliveryAttempt> {
    return this.state.webhooks.waitForDelivery(match, timeoutMs);
  }

  /** The API calls the sandbox served, oldest first, with secrets redacted. */
  requests(): RequestLogEntry[] {
    return this.state.log.list();
  }

  /**
   * Successful `POST /link/token` grants by type, and refresh tokens presented twice (each revoked
   * its family) or twice within `refreshTokenReuseGraceMs` (answered, nothing revoked), since the
   * start or the last {@link resetStats}/{@link reset}. A copy: it does not change afterwards.
   *
   * @example
   * sandbox.admin.resetStats();
   * await Promise.all(replicas.map((replica) => replica.readOrders()));
   * expect(sandbox.admin.stats()).toMatchObject({ grants: { refresh_token: 1 }, refreshTokenReuse: 0 });
   */
  stats(): SandboxStats {
    return this.state.stats.snapshot();
  }

  /** Zeroes {@link stats}; tokens and everything else stay. */
  resetStats() {
    this.state.stats.reset();
  }

  /** Registers another redirect URI for a client (exact match, as OAuth requires). */
  addRedirectUri(clientId: string, redirectUri: string) {
    const client = this.state.clients.get(clientId);
    if (!client) throw new Error(`No client ${clientId}.`);
    new URL(redirectUri);
    if (!client.redirectUris.includes(redirectUri)) client.redirectUris.push(redirectUri);
  }

  /** Back to the seeded state, stats zeroed; webhook endpoints stay registered. */
  reset() {
    this.state.reset();
  }
}
