/** The sandbox's admin API refused a call; `status` is its answer (404: no such connection). */
export class SandboxAdminError extends Error {
  override readonly name = 'SandboxAdminError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The sandbox's admin API, over HTTP, so the demo works with an embedded or a separate sandbox.
 * `adminToken` is sent when the sandbox guards its admin API with one.
 */
export function sandboxAdmin(makiniUrl: string, adminToken?: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${makiniUrl}/__sandbox${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json().catch(() => ({}))) as {
      data?: T;
      error?: { message: string };
    };
    if (response.status === 401) {
      // The sandbox's own message speaks of headers; a demo user sets an environment variable.
      throw new SandboxAdminError(
        401,
        adminToken
          ? `The sandbox at ${makiniUrl} refused MAKINI_SANDBOX_ADMIN_TOKEN: set it to the sandbox's --admin-token.`
          : `The sandbox at ${makiniUrl} guards its admin API with a token: set MAKINI_SANDBOX_ADMIN_TOKEN to its --admin-token and run again.`,
      );
    }
    if (!response.ok)
      throw new SandboxAdminError(
        response.status,
        payload.error?.message ?? `The sandbox's admin API answered ${response.status}.`,
      );
    return payload.data as T;
  };
  return {
    connections: () =>
      call<
        Array<{
          connectionKey: string;
          platform: string;
          username: string;
          password: string;
          name: string;
          status: string;
        }>
      >('GET', '/connections'),
    rotateCredentials: (key: string) =>
      call<{ connectionKey: string; platform: string; username: string; password: string }>(
        'POST',
        `/connections/${encodeURIComponent(key)}/rotate-credentials`,
      ),
    addFault: (rule: Record<string, unknown>) => call('POST', '/faults', rule),
    clearFaults: () => call('DELETE', '/faults'),
    setRateLimit: (limit: number) => call('PUT', '/rate-limit', { limit }),
    addWebhookEndpoint: (url: string, secret: string) =>
      call<{ id: string }>('POST', '/webhook-endpoints', { url, secret }),
    addRedirectUri: (clientId: string, redirectUri: string) =>
      call('POST', `/clients/${encodeURIComponent(clientId)}/redirect-uris`, {
        redirect_uri: redirectUri,
      }),
  };
}

export type SandboxAdminClient = ReturnType<typeof sandboxAdmin>;

/** Signs a seeded customer in on the consent page, as they would have when they first connected. */
export async function consentAs(
  config: { linkUrl: string; clientId: string; redirectUri: string },
  account: { platform: string; username: string; password: string },
): Promise<string> {
  const response = await fetch(`${config.linkUrl}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: config.clientId,
      redirect_uri: config.redirectUri,
      state: 'seed',
      action: 'allow',
      ...account,
    }),
  });
  const location = response.headers.get('location');
  const code = location ? new URL(location).searchParams.get('code') : null;
  if (!code) throw new Error(`consent for ${account.username} failed (${response.status})`);
  return code;
}
