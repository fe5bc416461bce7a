import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { clientCredentialsToken, submitConsent } from '@makini-kit/test-utils';
import { DEFAULT_CLIENT } from './options.js';
import type { Sandbox } from './startSandbox.js';

/** Test-only helpers: real HTTP calls against a running sandbox. */

export function clientToken(sandbox: Sandbox): Promise<string> {
  return clientCredentialsToken({
    baseUrl: sandbox.url,
    clientId: DEFAULT_CLIENT.id,
    clientSecret: DEFAULT_CLIENT.secret,
  });
}

export async function connectionToken(sandbox: Sandbox, connectionKey: string): Promise<string> {
  const response = await fetch(`${sandbox.url}/api/system/connections/${connectionKey}/token`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await clientToken(sandbox)}` },
  });
  if (!response.ok) throw new Error(`token for ${connectionKey} failed: ${response.status}`);
  return ((await response.json()) as { data: { token: string } }).data.token;
}

export async function getJson<T = unknown>(sandbox: Sandbox, path: string, token?: string) {
  const response = await fetch(`${sandbox.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { response, status: response.status, body: (await response.json()) as T };
}

export const firstConnection = (sandbox: Sandbox) => {
  const connection = sandbox.admin.connections()[0];
  if (!connection) throw new Error('the sandbox has no connections');
  return connection;
};

/** Runs Link without a browser: posts the consent form and returns the redirect's code and state. */
export function runLink(
  sandbox: Sandbox,
  input: {
    platform: string;
    username: string;
    password: string;
    state?: string;
    redirectUri?: string;
  },
) {
  return submitConsent(
    {
      baseUrl: sandbox.url,
      clientId: DEFAULT_CLIENT.id,
      redirectUri: input.redirectUri ?? DEFAULT_CLIENT.redirectUris[0] ?? '',
    },
    input,
  );
}

export async function exchangeCode(
  sandbox: Sandbox,
  code: string,
  redirectUri = DEFAULT_CLIENT.redirectUris[0] ?? '',
) {
  const response = await fetch(`${sandbox.url}/link/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: DEFAULT_CLIENT.id,
      client_secret: DEFAULT_CLIENT.secret,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A real HTTP receiver that records every request and answers with `answer(n)` (n from 1). */
export async function startReceiver(answer: (attempt: number) => number = () => 200) {
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answer(received.length)).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
