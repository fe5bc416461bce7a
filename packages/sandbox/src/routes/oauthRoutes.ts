import { createHash, timingSafeEqual } from 'node:crypto';
import type { Handler } from '../http/Handler.js';
import { json, type Reply } from '../http/Reply.js';
import type { RequestContext } from '../http/RequestContext.js';
import type { Router } from '../http/Router.js';
import { parseFormBody } from '../http/readBody.js';
import type { SandboxClientOptions } from '../options.js';
import { connectionSubject } from '../state/TokenStore.js';
import { basicCredentials } from './basicCredentials.js';
import { consentPage, errorPage } from './consentPage.js';
import { expiresInValue } from './expiresIn.js';

/** Validates client and redirect URI; failures render a page and never redirect (RFC 6749 §4.1.2.1). */
function resolveClient(
  context: RequestContext,
  params: URLSearchParams,
): { client: SandboxClientOptions; redirectUri: string } | Reply {
  const client = context.state.clients.get(params.get('client_id') ?? '');
  if (!client) {
    return {
      status: 400,
      html: errorPage('Unknown application', 'The client_id is not registered with Makini.'),
    };
  }
  const redirectUri = params.get('redirect_uri') ?? client.redirectUris[0] ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    return {
      status: 400,
      html: errorPage(
        'Redirect URI not registered',
        `${redirectUri || 'The redirect_uri'} is not registered for this application.`,
      ),
    };
  }
  return { client, redirectUri };
}

function redirectWith(redirectUri: string, values: Record<string, string | null>): Reply {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(values))
    if (value !== null) target.searchParams.set(name, value);
  return { status: 303, location: target.toString() };
}

/** The consent page for a resolved client, with what the customer typed and what went wrong. */
function renderConsent(
  resolved: { client: SandboxClientOptions; redirectUri: string },
  status: number,
  fields: { state: string | null; platform: string | null; username: string; error?: string },
): Reply {
  return {
    status,
    html: consentPage({
      clientName: resolved.client.name ?? resolved.client.id,
      clientId: resolved.client.id,
      redirectUri: resolved.redirectUri,
      ...fields,
    }),
  };
}

const showConsent: Handler = (context) => {
  const resolved = resolveClient(context, context.query);
  if ('status' in resolved) return resolved;
  const state = context.query.get('state');
  if (context.query.get('response_type') !== 'code') {
    return redirectWith(resolved.redirectUri, { error: 'unsupported_response_type', state });
  }
  return renderConsent(resolved, 200, {
    state,
    platform: context.query.get('platform'),
    username: context.query.get('login_hint') ?? '',
  });
};

const submitConsent: Handler = async (context) => {
  const form = parseFormBody(await context.body(), context.request.headers['content-type']);
  const resolved = resolveClient(context, form);
  if ('status' in resolved) return resolved;
  const state = form.get('state');
  if (form.get('action') === 'deny') {
    return redirectWith(resolved.redirectUri, {
      error: 'access_denied',
      error_description: 'The user cancelled the connection.',
      state,
    });
  }
  const input = {
    clientId: resolved.client.id,
    provider: form.get('platform') ?? '',
    username: form.get('username') ?? '',
    password: form.get('password') ?? '',
  };
  const result = context.state.signIn(input);
  if ('problem' in result) {
    return renderConsent(resolved, 401, {
      state,
      platform: input.provider,
      username: input.username,
      error: result.problem,
    });
  }
  const code = context.state.tokens.issueCode({
    clientId: resolved.client.id,
    redirectUri: resolved.redirectUri,
    connectionKey: result.connection.key,
    generation: result.connection.generation,
  });
  return redirectWith(resolved.redirectUri, { code, state });
};

const oauthError = (
  status: number,
  error: string,
  description: string,
  context: RequestContext,
): Reply =>
  json({ error, error_description: description, request_id: context.requestId }, status, {
    ...(error === 'invalid_client' ? { 'www-authenticate': 'Basic realm="makini-link"' } : {}),
  });

/** An OAuth token response for a connection's new access/refresh pair. */
function tokenPairReply(
  pair: { accessToken: string; refreshToken: string; expiresAt: number },
  connectionKey: string,
  expiresIn: (expiresAt: number) => number | string,
): Reply {
  return json({
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    token_type: 'Bearer',
    expires_in: expiresIn(pair.expiresAt),
    connection_id: connectionKey,
  });
}

function sameSecret(given: string, expected: string) {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** Client authentication by HTTP Basic or by `client_id` + `client_secret` in the body. */
function authenticateClient(
  context: RequestContext,
  form: URLSearchParams,
): SandboxClientOptions | { problem: string } {
  let id = form.get('client_id') ?? '';
  let secret = form.get('client_secret') ?? '';
  const basic = basicCredentials(context.request.headers.authorization);
  if (basic && 'problem' in basic) return basic;
  if (basic) ({ id, secret } = basic);
  const client = context.state.clients.get(id);
  return client && sameSecret(secret, client.secret)
    ? client
    : { problem: 'Unknown client_id or wrong client_secret.' };
}

const token: Handler = async (context) => {
  let form: URLSearchParams;
  try {
    form = parseFormBody(await context.body(), context.request.headers['content-type']);
  } catch (cause) {
    if ((cause as { status?: number }).status === 413) throw cause;
    return oauthError(
      400,
      'invalid_request',
      'Send the body form-encoded (application/x-www-form-urlencoded).',
      context,
    );
  }
  const grant = form.get('grant_type');
  if (!grant) return oauthError(400, 'invalid_request', 'grant_type is required.', context);
  if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grant)) {
    return oauthError(
      400,
      'unsupported_grant_type',
      `grant_type ${grant} is not supported.`,
      context,
    );
  }
  const client = authenticateClient(context, form);
  if ('problem' in client) return oauthError(401, 'invalid_client', client.problem, context);
  const { state } = context;
  const expiresIn = (expiresAt: number) => expiresInValue(state.options, expiresAt);

  if (grant === 'client_credentials') {
    const issued = state.tokens.issueAccess({ kind: 'client', clientId: client.id });
    return json({
      access_token: issued.token,
      token_type: 'Bearer',
      expires_in: expiresIn(issued.expiresAt),
    });
  }

  if (grant === 'authorization_code') {
    const code = form.get('code');
    if (!code) return oauthError(400, 'invalid_request', 'code is required.', context);
    const entry = state.tokens.consumeCode(code);
    if ('problem' in entry) return oauthError(400, 'invalid_grant', entry.problem, context);
    if (entry.clientId !== client.id)
      return oauthError(400, 'invalid_grant', 'The code was issued to another client.', context);
    if ((form.get('redirect_uri') ?? entry.redirectUri) !== entry.redirectUri) {
      return oauthError(
        400,
        'invalid_grant',
        'redirect_uri does not match the one the code was issued for.',
        context,
      );
    }
    const connection = state.connection(entry.connectionKey);
    if (!connection || connection.generation !== entry.generation) {
      return oauthError(
        400,
        'invalid_grant',
        'The connection changed since the code was issued; run Link again.',
        context,
      );
    }
    const pair = state.tokens.issuePair(connectionSubject(client.id, connection));
    entry.issued.push(pair.accessToken);
    return tokenPairReply(pair, connection.key, expiresIn);
  }

  const refreshToken = form.get('refresh_token');
  if (!refreshToken)
    return oauthError(400, 'invalid_request', 'refresh_token is required.', context);
  const entry = state.tokens.consumeRefresh(refreshToken);
  if ('problem' in entry) return oauthError(400, 'invalid_grant', entry.problem, context);
  if (entry.subject.clientId !== client.id)
    return oauthError(
      400,
      'invalid_grant',
      'The refresh token belongs to another client.',
      context,
    );
  const connection = state.connection(entry.subject.connectionKey);
  if (!connection) return oauthError(400, 'invalid_grant', 'The connection was deleted.', context);
  if (connection.needsReauthorization || connection.generation !== entry.subject.generation) {
    return oauthError(
      400,
      'invalid_grant',
      'The connection needs reauthorization: the customer must run Link again.',
      context,
    );
  }
  return tokenPairReply(state.tokens.issuePair(entry.subject), connection.key, expiresIn);
};

export function addOauthRoutes(router: Router<Handler>) {
  router
    .add('GET', '/oauth/authorize', showConsent)
    .add('POST', '/oauth/authorize', submitConsent)
    .add('POST', '/link/token', token);
}
