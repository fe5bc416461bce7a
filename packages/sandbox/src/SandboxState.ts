import { randomBytes } from 'node:crypto';
import { RequestLog, WebhookEventType } from '@makini-kit/core';
import { FaultInjector } from './behaviours/FaultInjector.js';
import { RateLimiter } from './behaviours/RateLimiter.js';
import type { RequestLogEntry } from './behaviours/RequestLog.js';
import { findPlatform } from './data/platforms.js';
import type { ResolvedOptions, SandboxClientOptions } from './options.js';
import {
  ConnectionRegistry,
  type SandboxConnection,
  statusOf,
} from './state/ConnectionRegistry.js';
import { GrantStats } from './state/GrantStats.js';
import { StateFile } from './state/StateFile.js';
import { type SandboxSync, type SandboxSyncOutcome, SyncRunner } from './state/SyncRunner.js';
import { TokenStore } from './state/TokenStore.js';
import { type SentEvent, WebhookSender } from './webhooks/WebhookSender.js';

/** Credentials of a customer's account on a source system, as the consent page shows them. */
export interface AccountCredentials {
  /** The connection's key. */
  connectionKey: string;
  /** The platform slug, e.g. `sap-s4hana`. */
  platform: string;
  /** The username to enter on the consent page. */
  username: string;
  /** The password to enter on the consent page (sandbox only; it changes on rotation). */
  password: string;
}

/** Everything a running sandbox holds, and the operations on it that routes and admin share. */
export class SandboxState {
  readonly clients: Map<string, SandboxClientOptions>;
  registry: ConnectionRegistry;
  readonly tokens: TokenStore;
  /** What `POST /link/token` granted and which refresh tokens came back twice. */
  readonly stats = new GrantStats();
  readonly limiter: RateLimiter;
  readonly faults: FaultInjector;
  readonly log: RequestLog<RequestLogEntry>;
  readonly webhooks: WebhookSender;
  /** Makini's syncs, simulated: one runs after every sign-in and credential rotation. */
  readonly syncs: SyncRunner;
  private rotations = 0;
  /** Where state is kept across restarts, when `stateFile` is set. */
  readonly stateFile: StateFile | undefined;

  constructor(readonly options: ResolvedOptions) {
    this.clients = new Map(options.clients.map((client) => [client.id, { ...client }]));
    this.registry = this.freshRegistry();
    this.tokens = new TokenStore(options.now, {
      codeMs: options.codeTtlMs,
      accessMs: options.accessTokenTtlMs,
      refreshMs: options.refreshTokenTtlMs,
      reuseGraceMs: options.refreshTokenReuseGraceMs,
    });
    this.limiter = new RateLimiter(options.rateLimit, options.rateLimitWindowMs, options.now);
    this.faults = new FaultInjector(options.seed);
    if (options.faults.corruptRecords)
      this.faults.corruptRecords(options.faults.corruptRecords.every);
    this.log = new RequestLog<RequestLogEntry>(options.requestLogSize);
    this.webhooks = new WebhookSender(options.webhookRetryScheduleMs, options.now);
    for (const endpoint of options.webhooks) this.webhooks.register(endpoint);
    this.syncs = new SyncRunner({
      durationMs: options.syncDurationMs,
      now: options.now,
      webhooks: this.webhooks,
      lookup: (key) => this.registry.get(key),
      changed: () => this.changed(),
    });
    if (options.stateFile) {
      this.stateFile = new StateFile(options.stateFile, () => ({
        version: 1,
        connections: this.registry.snapshot(),
        tokens: this.tokens.snapshot(),
        rotations: this.rotations,
        records: Object.fromEntries(
          this.registry.all().map((connection) => [connection.key, connection.data.writes]),
        ),
      }));
      const saved = this.stateFile.read();
      if (saved) {
        this.registry.restore(saved.connections);
        this.tokens.restore(saved.tokens);
        this.rotations = saved.rotations;
        for (const [key, records] of Object.entries(saved.records ?? {}))
          this.registry.get(key)?.data.restore(records);
      }
    }
  }

  /** Records that state changed (for the state file, when there is one). */
  changed(): void {
    this.stateFile?.changed();
  }

  private freshRegistry() {
    const firstClient = this.options.clients[0]?.id ?? 'sandbox_client';
    return new ConnectionRegistry(
      this.options.seed,
      this.options.orders,
      this.options.now,
      firstClient,
      { ttlMs: this.options.idempotencyTtlMs, maxKeys: this.options.idempotencyMaxKeys },
    );
  }

  connection(key: string): SandboxConnection | undefined {
    return this.registry.get(key);
  }

  /** "The customer changed their system password": calls start failing until Link runs again. */
  rotateCredentials(key: string): AccountCredentials | undefined {
    const connection = this.registry.get(key);
    if (!connection) return undefined;
    connection.password = `rotated-${++this.rotations}-${randomBytes(3).toString('hex')}`;
    const wasHealthy = !connection.needsReauthorization;
    connection.needsReauthorization = true;
    connection.updatedAt = this.options.now();
    connection.syncUpdatedAt = connection.updatedAt;
    if (wasHealthy) {
      this.webhooks.emit(WebhookEventType.CONNECTION_REAUTHORIZATION_REQUIRED, key, {
        reason: `The credentials for ${connection.platform.name} were changed or revoked; reconnect to restore access.`,
        error_code: 'REAUTHORIZATION_REQUIRED',
        status: statusOf(connection),
      });
    }
    // Makini finds out at its next sync; the sandbox runs that sync now, and it ends `fail`.
    this.syncs.start(connection);
    this.changed();
    return this.credentialsOf(connection);
  }

  credentialsOf(connection: SandboxConnection): AccountCredentials {
    return {
      connectionKey: connection.key,
      platform: connection.platform.provider,
      username: connection.username,
      password: connection.password,
    };
  }

  /**
   * Signs a customer in on the consent page. An existing account (same client, platform and
   * username) must give its current password and is reauthorized; a new username creates a connection.
   */
  signIn(input: {
    clientId: string;
    provider: string;
    username: string;
    password: string;
  }): { connection: SandboxConnection } | { problem: string } {
    const platform = findPlatform(input.provider);
    if (!platform) return { problem: 'Choose the system to connect.' };
    if (!input.username.trim() || !input.password)
      return { problem: 'Enter the username and password.' };
    const existing = this.registry.findAccount(
      input.clientId,
      platform.provider,
      input.username.trim(),
    );
    if (!existing) {
      const connection = this.registry.add({
        clientId: input.clientId,
        name: `${input.username.trim()} on ${platform.name}`,
        email: `${input.username.trim().replace(/[^\w.-]/g, '_')}@customer.example`,
        platform,
        username: input.username.trim(),
        password: input.password,
      });
      this.startFirstSync(connection);
      return { connection };
    }
    return this.reconnect(existing, input.password);
  }

  /**
   * Signs in to `existing` itself (a consent bound to it) with `password`: never another account,
   * and never a new one.
   */
  reconnect(
    existing: SandboxConnection,
    password: string,
  ): { connection: SandboxConnection } | { problem: string } {
    if (!password) return { problem: 'Enter the username and password.' };
    if (existing.password !== password) {
      return { problem: `The ${existing.platform.name} username or password is incorrect.` };
    }
    const recovering = existing.needsReauthorization;
    existing.needsReauthorization = false;
    existing.generation++;
    existing.connectedAt = this.options.now();
    existing.updatedAt = existing.connectedAt;
    existing.syncUpdatedAt = existing.connectedAt;
    if (recovering) {
      this.webhooks.emit(WebhookEventType.CONNECTION_REAUTHORIZED, existing.key, {
        status: statusOf(existing),
        connected_at: new Date(existing.connectedAt).toISOString(),
      });
    }
    this.syncs.start(existing);
    return { connection: existing };
  }

  /** A new connection's first sync, which ends `fulldone`. */
  startFirstSync(connection: SandboxConnection): SandboxSync {
    connection.syncs = 0;
    return this.syncs.start(connection);
  }

  /** Starts a sync of a connection now; `undefined` when there is no such connection. */
  startSync(
    key: string,
    outcome?: SandboxSyncOutcome,
    durationMs?: number,
  ): SandboxSync | undefined {
    const connection = this.registry.get(key);
    return connection ? this.syncs.start(connection, outcome, durationMs) : undefined;
  }

  /** Sends any event for a connection, with data that fits its type unless `data` is given. */
  trigger(type: string, connectionKey: string, data?: Record<string, unknown>): SentEvent {
    const connection = this.registry.get(connectionKey);
    const at = new Date(this.options.now()).toISOString();
    const defaults: Record<string, Record<string, unknown>> = {
      [WebhookEventType.CONNECTION_REAUTHORIZATION_REQUIRED]: {
        reason: 'The source system rejected the stored credentials.',
        error_code: 'REAUTHORIZATION_REQUIRED',
        status: 'reauthorization_required',
      },
      [WebhookEventType.CONNECTION_REAUTHORIZED]: { status: 'active', connected_at: at },
      [WebhookEventType.CONNECTION_STATUS_CHANGED]: {
        previous_status: 'active',
        status: connection ? statusOf(connection) : 'active',
      },
      [WebhookEventType.SYNC_COMPLETED]: { sync_status: 'done', completed_at: at, records: 0 },
      [WebhookEventType.SYNC_FAILED]: {
        sync_status: 'error',
        error: { code: 'UPSTREAM_ERROR', message: 'The source system did not answer.' },
      },
    };
    const record =
      type.startsWith('purchase_order.') && connection && connection.orders.count > 0
        ? (connection.orders.order(0) as Record<string, unknown>)
        : { key: `${connectionKey}-record` };
    return this.webhooks.emit(type, connectionKey, data ?? defaults[type] ?? record);
  }

  /** Back to the seeded state: connections, tokens, stats, faults, limits and logs; endpoints stay. */
  reset() {
    this.syncs.close();
    this.registry = this.freshRegistry();
    this.tokens.clear();
    this.stats.reset();
    this.faults.clear();
    this.limiter.configure(this.options.rateLimit, this.options.rateLimitWindowMs);
    this.log.clear();
    this.webhooks.clearHistory();
    this.rotations = 0;
    this.changed();
  }
}
