import {
  type ConnectionHealthMonitor,
  MakiniClient,
  refreshToken,
  TokenManager,
  type TokenResponse,
} from '@makini-kit/core';
import type { BackendState } from './BackendState.js';
import type { ConnectionInfo } from './ConnectionStore.js';
import type { DemoConfig } from './config.js';
import { connectionKeyOf } from './connectionKeyOf.js';
import type { SystemApi } from './SystemApi.js';
import { telemetry } from './tracing.js';

/**
 * The back end's live connections: a client per connection, its token from the shared store
 * through a TokenManager, watched by the monitor. Where replicas share the store, a connection
 * made on one replica is opened on another the first time it is asked for.
 */
export class DemoConnections {
  private readonly clients = new Map<string, MakiniClient>();

  constructor(
    private readonly config: DemoConfig,
    private readonly state: BackendState,
    private readonly monitor: ConnectionHealthMonitor,
  ) {}

  /** Every stored connection; opens those this process has not opened yet. */
  async list(): Promise<ConnectionInfo[]> {
    const all = await this.state.connections.list();
    for (const connection of all) if (!this.clients.has(connection.key)) this.open(connection);
    return all;
  }

  async client(key: string): Promise<MakiniClient | undefined> {
    const open = this.clients.get(key);
    if (open) return open;
    const connection = await this.state.connections.get(key);
    return connection ? this.open(connection) : undefined;
  }

  /** Starts (or restarts, after a reconnect) the client of a stored connection. */
  open(connection: ConnectionInfo): MakiniClient {
    const { key } = connection;
    const { activity, rateLimitStore } = this.state;
    // The store holds the tokens: every call reads the current pair, so a reconnect or a refresh
    // made anywhere is used at once, and one refresh per connection runs under the store's lock.
    const manager = new TokenManager({
      store: this.state.connections.tokens,
      lock: this.state.connections.lock,
      connectionKey: key,
      refresh: (token) =>
        refreshToken({
          baseUrl: this.config.makiniUrl,
          clientId: this.config.clientId,
          clientSecret: this.config.clientSecret,
          refreshToken: token,
          telemetry,
        }),
      telemetry,
    });
    this.clients.get(key)?.close();
    const client = new MakiniClient({
      baseUrl: this.config.makiniUrl,
      getToken: manager.getToken,
      connectionKey: key,
      maxRetries: 2,
      backoff: { initialDelayMs: 200 },
      userAgent: 'acme-procurement-demo',
      telemetry,
      // Makini publishes no figure; the x-ratelimit-* headers correct the budget to the server's
      // limit (the developer panel's 20/min included), so calls wait their turn instead of
      // drawing 429s. With replicas, the budget is shared: three replicas spend one limit.
      rateLimit: {
        limit: 600,
        windowMs: 60_000,
        ...(rateLimitStore ? { store: rateLimitStore } : {}),
      },
      hooks: {
        onResponse: (logged) => activity.request({ ...logged, connectionKey: key }),
        onError: (logged) => activity.request({ ...logged, connectionKey: key }),
        onInvalidRecord: (event) => activity.invalidRecord(key, event),
      },
    });
    this.clients.set(key, client);
    this.monitor.track(key, client);
    return client;
  }

  /**
   * Which connection a finished Link flow's tokens are for, as Makini says: the token answer's
   * `connection_id`, else the `id` that `integrations.current` answers to the new token (Makini's
   * published token answer has no `connection_id`). `key` is undefined when neither names one.
   * Keeps nothing: check the key first (`connectionKeyOf`), then `keep`.
   */
  async identify(
    tokens: TokenResponse,
  ): Promise<{ key: string | undefined; name: string; platform: string }> {
    const bootstrap = new MakiniClient({
      baseUrl: this.config.makiniUrl,
      token: tokens.access_token,
      maxRetries: 1,
    });
    try {
      const integration = await bootstrap.integrations.current();
      const key = tokens.connection_id || integration.id || undefined;
      return {
        key,
        name: integration.company_name ?? key ?? '',
        platform: integration.provider ?? 'unknown',
      };
    } finally {
      bootstrap.close();
    }
  }

  /** Keeps the tokens of a connection whose key was checked, and (re)opens it. */
  async keep(connection: ConnectionInfo, tokens: TokenResponse): Promise<ConnectionInfo> {
    await this.state.connections.save(connection, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: tokens.expiresAt,
    });
    this.open(connection);
    this.state.activity.dismissFor(connection.key);
    await this.monitor.check(connection.key);
    return connection;
  }

  /**
   * `identify` and `keep`, for tokens of whatever connection Makini names (the start's own
   * sign-ins of the sandbox's customers).
   *
   * @throws {DemoHttpError} `CONNECTION_UNNAMED` when Makini names none
   */
  async connect(tokens: TokenResponse): Promise<ConnectionInfo> {
    const identified = await this.identify(tokens);
    const key = connectionKeyOf(identified.key, undefined, (message) => new Error(message));
    return this.keep({ ...identified, key }, tokens);
  }

  /**
   * Deletes the connection at Makini (`DELETE /api/system/connections/{id}`, with the app's client
   * credentials: the connection's own token may be the thing that broke), then forgets it here:
   * no more polls, tokens or alerts. One Makini no longer knows is forgotten all the same.
   *
   * @returns false when no such connection is stored
   */
  async disconnect(key: string, system: SystemApi): Promise<boolean> {
    if (!(await this.state.connections.get(key))) return false;
    await system.deleteConnection(key);
    this.monitor.untrack(key);
    this.clients.get(key)?.close();
    this.clients.delete(key);
    await this.state.connections.remove(key);
    this.state.activity.dismissFor(key);
    return true;
  }

  close() {
    for (const client of this.clients.values()) client.close();
  }
}
