import { clientCredentials, MakiniClient } from '@makini-kit/core';
import { DEFAULT_CLIENT } from '@makini-kit/sandbox';

/**
 * Creates `count` connections the way a SaaS back end does, through the system API with client
 * credentials: `POST /api/system/connections`, then a connection token from
 * `POST /api/system/connections/{id}/token`.
 */
export async function createSystemConnections(
  baseUrl: string,
  count: number,
): Promise<Array<{ connectionKey: string; accessToken: string }>> {
  const { access_token } = await clientCredentials({
    baseUrl,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
  });
  const system = new MakiniClient({ baseUrl, token: access_token });
  const label = Math.random().toString(36).slice(2, 10);
  const created: Array<{ connectionKey: string; accessToken: string }> = [];
  for (let start = 0; start < count; start += 25) {
    const batch = Array.from({ length: Math.min(25, count - start) }, async (_, offset) => {
      const index = start + offset;
      const pair = await system.connections.create({
        name: `Health ${label} ${index}`,
        email: `health+${label}-${index}@example.com`,
        provider: 'sap-s4hana',
        credentials: { login: `health-${label}-${index}`, password: 'sandbox-password' },
      });
      // The pair belongs to the new connection: it names the connection's key.
      const own = new MakiniClient({ baseUrl, token: pair.access_token, maxRetries: 0 });
      const connectionKey = String((await own.integrations.current()).id);
      const { token } = await system.connections.createToken(connectionKey);
      return { connectionKey, accessToken: token };
    });
    created.push(...(await Promise.all(batch)));
  }
  return created;
}
