/** The sandbox's admin API, over HTTP, so the demo works with an embedded or a separate sandbox. */
export function sandboxAdmin(makiniUrl: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${makiniUrl}/__sandbox${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json()) as { data?: T; error?: { message: string } };
    if (!response.ok)
      throw new Error(payload.error?.message ?? `sandbox admin answered ${response.status}`);
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
