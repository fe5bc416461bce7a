import { MakiniClient, type MakiniClientOptions } from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox } from '@makini-kit/sandbox';
import { clientCredentialsToken, submitConsent } from '@makini-kit/test-utils';

/** A client token, straight from the sandbox's token endpoint. */
export function systemToken(sandbox: Sandbox): Promise<string> {
  return clientCredentialsToken({
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
  });
}

/** A client for one seeded connection, with a connection token issued through the system API. */
export async function connectionClient(
  sandbox: Sandbox,
  index = 0,
  options: Partial<MakiniClientOptions> = {},
) {
  const connection = sandbox.admin.connections()[index];
  if (!connection) throw new Error(`no seeded connection ${index}`);
  const system = new MakiniClient({ baseUrl: sandbox.url, token: await systemToken(sandbox) });
  const { token } = await system.connections.createToken(connection.connectionKey);
  const client = new MakiniClient({
    baseUrl: sandbox.url,
    token,
    connectionKey: connection.connectionKey,
    ...options,
  });
  return { client, connection, token };
}

/** Posts the consent form as a customer would, and returns the redirect URL (with the code). */
export async function linkCode(
  sandbox: Sandbox,
  credentials: { platform: string; username: string; password: string },
  state = 'st',
) {
  const result = await submitConsent(
    {
      baseUrl: sandbox.url,
      clientId: DEFAULT_CLIENT.id,
      redirectUri: DEFAULT_CLIENT.redirectUris[0] ?? '',
    },
    { ...credentials, state },
  );
  if (!result.location) throw new Error(`consent failed with ${result.status}`);
  return result.location;
}
