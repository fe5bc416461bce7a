import {
  type ConnectionHealthMonitor,
  MakiniClient,
  refreshToken,
  TokenManager,
  type TokenResponse,
} from '@makini-kit/core';
import type { Activity } from './Activity.js';
import type { DemoConfig } from './config.js';
import type { StoredConnection, TokenStore } from './TokenStore.js';

/** The back end's live connections: a client per connection, fed by a TokenManager, watched by the monitor. */
export class DemoConnections {
  private readonly clients = new Map<string, MakiniClient>();

  constructor(
    private readonly config: DemoConfig,
    private readonly store: TokenStore,
    private readonly monitor: ConnectionHealthMonitor,
    private readonly activity: Activity,
  ) {}

  list(): Array<Omit<StoredConnection, 'tokens'>> {
    return this.store.list().map(({ key, name, platform }) => ({ key, name, platform }));
  }

  client(key: string): MakiniClient | undefined {
    return this.clients.get(key);
  }

  /** Starts (or restarts, after a reconnect) the client of a stored connection. */
  open(entry: StoredConnection): MakiniClient {
    const manager = new TokenManager({
      tokens: entry.tokens,
      connectionKey: entry.key,
      refresh: (token) =>
        refreshToken({
          baseUrl: this.config.makiniUrl,
          clientId: this.config.clientId,
          clientSecret: this.config.clientSecret,
          refreshToken: token,
        }),
      onTokens: (tokens) => this.store.save({ ...entry, tokens }),
    });
    this.clients.get(entry.key)?.close();
    const client = new MakiniClient({
      baseUrl: this.config.makiniUrl,
      getToken: manager.getToken,
      connectionKey: entry.key,
      maxRetries: 2,
      backoff: { initialDelayMs: 200 },
      userAgent: 'acme-procurement-demo',
      // Makini publishes no figure; the x-ratelimit-* headers correct the bucket to the server's
      // limit (the developer panel's 20/min included), so calls wait their turn instead of
      // drawing 429s.
      rateLimit: { limit: 600, windowMs: 60_000 },
      hooks: {
        onResponse: (logged) => this.activity.request({ ...logged, connectionKey: entry.key }),
        onError: (logged) => this.activity.request({ ...logged, connectionKey: entry.key }),
        onInvalidRecord: (event) => this.activity.invalidRecord(entry.key, event),
      },
    });
    this.clients.set(entry.key, client);
    this.monitor.track(entry.key, client);
    return client;
  }

  /** Keeps the tokens of a finished Link flow and (re)opens that connection. */
  async connect(tokens: TokenResponse, fallbackKey?: string): Promise<StoredConnection> {
    const bootstrap = new MakiniClient({
      baseUrl: this.config.makiniUrl,
      token: tokens.access_token,
      maxRetries: 1,
    });
    const integration = await bootstrap.integrations.current();
    const key = tokens.connection_id ?? integration.id ?? fallbackKey ?? '';
    const entry: StoredConnection = {
      key,
      name: integration.company_name ?? key,
      platform: integration.provider ?? 'unknown',
      tokens: {
        accessToken: tokens.access_token,
        refreshToken: tokens.refresh_token ?? null,
        expiresAt: tokens.expiresAt,
      },
    };
    await this.store.save(entry);
    this.open(entry);
    this.activity.dismissFor(key);
    await this.monitor.check(key);
    return entry;
  }

  close() {
    for (const client of this.clients.values()) client.close();
  }
}
