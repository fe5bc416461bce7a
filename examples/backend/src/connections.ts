import { type ConnectionHealthMonitor, clientCredentials, MakiniClient } from '@makini-kit/core';
import { config } from './config.js';

/** What the token endpoint needs; server side only. */
export const credentials = {
  baseUrl: config.makiniUrl,
  clientId: config.clientId,
  clientSecret: config.clientSecret,
};

/** An API client per connection key. A real app keeps the tokens in its database. */
export const connections = new Map<
  string,
  { name: string; platform: string | undefined; client: MakiniClient }
>();

/** Uses a connection's token from now on, and watches the connection's health through it. */
export async function connect(
  monitor: ConnectionHealthMonitor,
  key: string,
  token: string,
  name = connections.get(key)?.name ?? key,
) {
  const client = new MakiniClient({ baseUrl: config.makiniUrl, token });
  // The system's slug, so Reconnect opens Link on the same system (`platform` on the button).
  const platform =
    connections.get(key)?.platform ??
    (await client.integrations.current().then(
      (integration) => integration.provider ?? undefined,
      () => undefined,
    ));
  connections.set(key, { name, platform, client });
  monitor.track(key, client);
  await monitor.check(key);
}

/** The first tokens: a client token lists the connections and issues a token for each. */
export async function connectAll(monitor: ConnectionHealthMonitor) {
  const { access_token } = await clientCredentials(credentials);
  const system = new MakiniClient({ baseUrl: config.makiniUrl, token: access_token });
  for await (const connection of system.connections.list()) {
    const { token } = await system.connections.createToken(connection.key);
    await connect(monitor, connection.key, token, connection.name ?? undefined);
  }
}
