import { clientCredentials, MakiniClient, type TokenSet } from '@makini-kit/core';
import { DEFAULT_CLIENT } from '@makini-kit/sandbox';

/** The sandbox's default client, as the token calls take it. */
export const clientOf = (baseUrl: string) => ({
  baseUrl,
  clientId: DEFAULT_CLIENT.id,
  clientSecret: DEFAULT_CLIENT.secret,
});

/** The sandbox and its default client, as a replica's config names them. */
export const replicaClient = (sandboxUrl: string) => ({
  sandboxUrl,
  clientId: DEFAULT_CLIENT.id,
  clientSecret: DEFAULT_CLIENT.secret,
});

/**
 * Creates `count` connections through the system API (`POST /api/system/connections`, which
 * answers with the connection's first access/refresh pair) and learns each one's key
 * (`GET /api/integrations/current`). Their `expiresAt` is set to `expiresAt` (e.g. past, so the
 * next `getToken()` must refresh).
 */
export async function createConnections(
  baseUrl: string,
  count: number,
  expiresAt: number,
): Promise<Array<{ connectionKey: string; tokens: TokenSet }>> {
  const { access_token } = await clientCredentials(clientOf(baseUrl));
  const system = new MakiniClient({ baseUrl, token: access_token });
  const label = Math.random().toString(36).slice(2, 10);
  const created: Array<{ connectionKey: string; tokens: TokenSet }> = [];
  for (let start = 0; start < count; start += 25) {
    const batch = Array.from({ length: Math.min(25, count - start) }, async (_, offset) => {
      const index = start + offset;
      const pair = await system.connections.create({
        name: `Replica test ${index}`,
        email: `ops+${label}-${index}@example.com`,
        provider: 'sap-s4hana',
        credentials: { login: `replica-${label}-${index}`, password: 'sandbox-password' },
      });
      const client = new MakiniClient({ baseUrl, token: pair.access_token, maxRetries: 0 });
      const { id } = await client.integrations.current();
      return {
        connectionKey: String(id),
        tokens: { accessToken: pair.access_token, refreshToken: pair.refresh_token, expiresAt },
      };
    });
    created.push(...(await Promise.all(batch)));
  }
  return created;
}
