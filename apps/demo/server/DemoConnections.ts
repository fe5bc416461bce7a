import {
  type ConnectionHealthMonitor,
  MakiniClient,
  ReconnectLinkError,
  refreshToken,
  TokenManager,
  type TokenResponse,
} from '@makini-kit/core';
import type { BackendState } from './BackendState.js';
import type { ConnectionInfo } from './ConnectionStore.js';
import type { DemoConfig } from './config.js';
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
   * Keeps the tokens of a finished Link flow and (re)opens that connection. With `requiredKey` (a
   * reconnect link's connection) tokens of any other connection are refused, and nothing is kept.
   *
   * @throws {ReconnectLinkError} `LINK_WRONG_CONNECTION` when Link connected another connection
   */
  async connect(
    tokens: TokenResponse,
    fallbackKey?: string,
    requiredKey?: string,
  ): Promise<ConnectionInfo> {
    const bootstrap = new MakiniClient({
      baseUrl: this.config.makiniUrl,
      token: tokens.access_token,
      maxRetries: 1,
    });
    const integration = await bootstrap.integrations.current();
    const key = tokens.connection_id ?? integration.id ?? fallbackKey ?? '';
    if (requiredKey !== undefined && key !== requiredKey) {
      throw new ReconnectLinkError(
        'LINK_WRONG_CONNECTION',
        'Link signed in to another connection than the one this reconnect link is for; nothing was changed.',
      );
    }
    const connection: ConnectionInfo = {
      key,
      name: integration.company_name ?? key,
      platform: integration.provider ?? 'unknown',
    };
    await this.state.connections.save(connection, {
      accessToken: tokens.access_token,
      refreshToken: tokens.refresh_token ?? null,
      expiresAt: tokens.expiresAt,
    });
    this.open(connection);
    this.state.activity.dismissFor(key);
    await this.monitor.check(key);
    return connection;
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
