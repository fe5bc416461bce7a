import { createHash, timingSafeEqual } from 'node:crypto';
import type { Handler } from '../http/Handler.js';
import { json, type Reply } from '../http/Reply.js';
import type { RequestContext } from '../http/RequestContext.js';
import { parseFormBody } from '../http/readBody.js';
import type { SandboxClientOptions } from '../options.js';
import { GrantType } from '../state/GrantStats.js';
import { connectionSubject } from '../state/TokenStore.js';
import { basicCredentials } from './basicCredentials.js';
import { expiresInValue } from './expiresIn.js';

const oauthError = (
  status: number,
  error: string,
  description: string,
  context: RequestContext,
): Reply =>
  json({ error, error_description: description, request_id: context.requestId }, status, {
    ...(error === 'invalid_client' ? { 'www-authenticate': 'Basic realm="makini-link"' } : {}),
  });

const invalidGrant = (context: RequestContext, description: string) =>
  oauthError(400, 'invalid_grant', description, context);

/** An OAuth token response for a connection's new access/refresh pair. */
function tokenPairReply(
  context: RequestContext,
  pair: { accessToken: string; refreshToken: string; expiresAt: number },
  connectionKey: string,
): Reply {
  return json({
    access_token: pair.accessToken,
    refresh_token: pair.refreshToken,
    token_type: 'Bearer',
    expires_in: expiresInValue(context.state.options, pair.expiresAt),
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

function authorizationCodeGrant(
  context: RequestContext,
  form: URLSearchParams,
  clientId: string,
): Reply {
  const { state } = context;
  const code = form.get('code');
  if (!code) return oauthError(400, 'invalid_request', 'code is required.', context);
  const entry = state.tokens.consumeCode(code);
  if ('problem' in entry) return invalidGrant(context, entry.problem);
  if (entry.clientId !== clientId)
    return invalidGrant(context, 'The code was issued to another client.');
  if ((form.get('redirect_uri') ?? entry.redirectUri) !== entry.redirectUri) {
    return invalidGrant(context, 'redirect_uri does not match the one the code was issued for.');
  }
  const connection = state.connection(entry.connectionKey);
  if (!connection || connection.generation !== entry.generation) {
    return invalidGrant(
      context,
      'The connection changed since the code was issued; run Link again.',
    );
  }
  const pair = state.tokens.issuePair(connectionSubject(clientId, connection));
  entry.family = pair.family;
  state.stats.granted(GrantType.AUTHORIZATION_CODE);
  return tokenPairReply(context, pair, connection.key);
}

function refreshTokenGrant(
  context: RequestContext,
  form: URLSearchParams,
  clientId: string,
): Reply {
  const { state } = context;
  const refreshToken = form.get('refresh_token');
  if (!refreshToken)
    return oauthError(400, 'invalid_request', 'refresh_token is required.', context);
  const use = state.tokens.consumeRefresh(refreshToken, clientId);
  if ('problem' in use) {
    if (use.reuse) state.stats.reuse('revoked');
    return invalidGrant(context, use.problem);
  }
  const connection = state.connection(use.subject.connectionKey);
  if (!connection) return invalidGrant(context, 'The connection was deleted.');
  if (connection.needsReauthorization || connection.generation !== use.subject.generation) {
    return invalidGrant(
      context,
      'The connection needs reauthorization: the customer must run Link again.',
    );
  }
  if (use.grace) state.stats.reuse('grace');
  state.stats.granted(GrantType.REFRESH_TOKEN);
  return tokenPairReply(context, state.tokens.issuePair(use.subject, use.family), connection.key);
}

/** `POST /link/token`: the three grants Makini Link documents, with OAuth's error bodies. */
export const linkToken: Handler = async (context) => {
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
  if (!(Object.values(GrantType) as string[]).includes(grant)) {
    return oauthError(
      400,
      'unsupported_grant_type',
      `grant_type ${grant} is not supported.`,
      context,
    );
  }
  const client = authenticateClient(context, form);
  if ('problem' in client) return oauthError(401, 'invalid_client', client.problem, context);

  if (grant === GrantType.AUTHORIZATION_CODE)
    return authorizationCodeGrant(context, form, client.id);
  if (grant === GrantType.REFRESH_TOKEN) return refreshTokenGrant(context, form, client.id);
  const issued = context.state.tokens.issueAccess({ kind: 'client', clientId: client.id });
  context.state.stats.granted(GrantType.CLIENT_CREDENTIALS);
  return json({
    access_token: issued.token,
    token_type: 'Bearer',
    expires_in: expiresInValue(context.state.options, issued.expiresAt),
  });
};
