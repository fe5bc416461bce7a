import { MakiniClient, type MakiniClientOptions } from '@makini-kit/core';
import { DEFAULT_CLIENT, type Sandbox } from '@makini-kit/sandbox';

/** A client token, straight from the sandbox's token endpoint. */
export async function systemToken(sandbox: Sandbox): Promise<string> {
  const response = await fetch(`${sandbox.url}/link/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULT_CLIENT.id,
      client_secret: DEFAULT_CLIENT.secret,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
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

/** Posts the consent form as a customer would, and returns the code from the redirect. */
export async function linkCode(
  sandbox: Sandbox,
  credentials: { platform: string; username: string; password: string },
  state = 'st',
) {
  const response = await fetch(`${sandbox.url}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: DEFAULT_CLIENT.id,
      redirect_uri: DEFAULT_CLIENT.redirectUris[0] ?? '',
      state,
      action: 'allow',
      ...credentials,
    }),
  });
  const location = response.headers.get('location');
  if (!location) throw new Error(`consent failed with ${response.status}`);
  return new URL(location);
}
