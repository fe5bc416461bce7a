/** A Makini client's credentials and where Link and the token endpoint live. */
export interface LinkTarget {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/** `POST /link/token` with client_credentials: a client token for the system endpoints. */
export async function clientCredentialsToken(
  target: Omit<LinkTarget, 'redirectUri'>,
): Promise<string> {
  const response = await fetch(`${target.baseUrl}/link/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: target.clientId,
      client_secret: target.clientSecret,
    }),
  });
  if (!response.ok) throw new Error(`client_credentials failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

/** Posts the consent form as a customer would; answers the redirect (with code and state) or the page. */
export async function submitConsent(
  target: Omit<LinkTarget, 'clientSecret'>,
  account: { platform: string; username: string; password: string; state?: string },
) {
  const response = await fetch(`${target.baseUrl}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: target.clientId,
      redirect_uri: target.redirectUri,
      state: account.state ?? 'state-1',
      response_type: 'code',
      action: 'allow',
      platform: account.platform,
      username: account.username,
      password: account.password,
    }),
  });
  const location = response.headers.get('location');
  return {
    status: response.status,
    location: location ? new URL(location) : undefined,
    html: location ? '' : await response.text(),
  };
}
