import {
  type Connection,
  type ConnectionHealth,
  ConnectionHealthMonitor,
  clientCredentials,
  exchangeCode,
  MakiniClient,
} from '@makini-kit/core';
import { type MakiniConfig, makiniConfig } from './makiniConfig';
import { WrongConnectionError } from './WrongConnectionError';

/**
 * The app's Makini state on the server: the client token for `/api/system/*`, one client per
 * connection and the health monitor watching them. Tokens stay here; pages and route handlers
 * hand the browser health and names only. In memory, for one process: a real app keeps the
 * tokens sealed in a store shared by its replicas (core's `TokenManager` and `TokenStore`).
 */
export class MakiniServer {
  readonly monitor = new ConnectionHealthMonitor({ pollIntervalMs: 5_000 });
  private readonly tokens = new Map<string, string>();
  private readonly clients = new Map<string, MakiniClient>();
  private systemToken: Promise<string> | undefined;
  private readonly system: MakiniClient;

  constructor(readonly config: MakiniConfig) {
    this.system = new MakiniClient({
      baseUrl: config.makiniUrl,
      // A refused client token (expired, revoked) is replaced once by a new grant.
      getToken: (options) => {
        if (!this.systemToken || options?.rejectedToken) {
          this.systemToken = clientCredentials({
            baseUrl: config.makiniUrl,
            clientId: config.clientId,
            clientSecret: config.clientSecret,
          }).then((answer) => answer.access_token);
          this.systemToken.catch(() => {
            this.systemToken = undefined;
          });
        }
        return this.systemToken;
      },
    });
  }

  /** Every connection of this client, each watched; the first read of one checks its health. */
  async connections(): Promise<Connection[]> {
    const { data } = await this.system.connections.list({ perPage: 100 });
    const fresh = data.filter((connection) => !this.clients.has(connection.key));
    await Promise.all(
      fresh.map(async (connection) => {
        const { token } = await this.system.connections.createToken(connection.key);
        this.open(connection.key, token);
        await this.monitor.check(connection.key);
      }),
    );
    return data;
  }

  /**
   * Exchanges a Link code (the client secret never leaves this server) and watches the connection.
   * The connection is the one Makini names for the new token: the token answer's `connection_id`
   * when present, else `integrations.current` called with the new token (Makini's published token
   * answer has no `connection_id`). A reconnect must be that very connection: the browser's word
   * alone never decides whose token is replaced.
   *
   * @throws {WrongConnectionError} Makini names no connection, or another one than `connectionId`
   */
  async exchange(input: { code: string; connectionId?: string | undefined }): Promise<{
    connectionId: string;
    health: ConnectionHealth | undefined;
  }> {
    const tokens = await exchangeCode({
      baseUrl: this.config.makiniUrl,
      clientId: this.config.clientId,
      clientSecret: this.config.clientSecret,
      code: input.code,
      redirectUri: `${this.config.appUrl}/link/callback`,
    });
    const connectionId = tokens.connection_id || (await this.connectionOf(tokens.access_token));
    if (!connectionId) {
      throw new WrongConnectionError(
        'Makini names no connection for this sign-in (no connection_id in the token answer, no id from integrations.current), so it cannot be tied to one; nothing was changed.',
      );
    }
    if (input.connectionId !== undefined && connectionId !== input.connectionId) {
      throw new WrongConnectionError(
        'Link signed in to another connection than the one being reconnected; nothing was changed.',
      );
    }
    this.open(connectionId, tokens.access_token);
    await this.monitor.check(connectionId);
    return { connectionId, health: this.monitor.getSnapshot().connections[connectionId] };
  }

  /** The connection a fresh token belongs to, as `integrations.current` answers it. */
  private async connectionOf(token: string): Promise<string | undefined> {
    const client = new MakiniClient({ baseUrl: this.config.makiniUrl, token, maxRetries: 1 });
    try {
      return (await client.integrations.current()).id || undefined;
    } finally {
      client.close();
    }
  }

  private open(connectionId: string, token: string) {
    this.tokens.set(connectionId, token);
    if (this.clients.has(connectionId)) return;
    const client = new MakiniClient({
      baseUrl: this.config.makiniUrl,
      connectionKey: connectionId,
      // Read on every call: a reconnect's new token is used at once.
      getToken: () => this.tokens.get(connectionId) ?? '',
    });
    this.clients.set(connectionId, client);
    this.monitor.track(connectionId, client);
  }
}

// One per server process. Kept on globalThis: Next.js may load this module once per route bundle,
// and every route must see the same monitor.
const KEY = Symbol.for('makini-kit.next-example.server');

/** The process's `MakiniServer`, created on first use from the environment. */
export function makiniServer(): MakiniServer {
  const global = globalThis as { [KEY]?: MakiniServer };
  global[KEY] ??= new MakiniServer(makiniConfig());
  return global[KEY];
}
