import type { Handler } from '../http/Handler.js';
import type { Reply } from '../http/Reply.js';
import type { RequestContext } from '../http/RequestContext.js';
import type { Router } from '../http/Router.js';
import { parseFormBody } from '../http/readBody.js';
import type { SandboxClientOptions } from '../options.js';
import type { SandboxConnection } from '../state/ConnectionRegistry.js';
import { consentPage, errorPage } from './consentPage.js';
import { linkToken } from './linkToken.js';

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

/**
 * The connection a consent is bound to (`connection_id`), or the `invalid_request` redirect for an
 * id that names no live connection of this client; `undefined` for an unbound consent.
 */
function boundConnection(
  context: RequestContext,
  resolved: { client: SandboxClientOptions; redirectUri: string },
  params: URLSearchParams,
): { bound: SandboxConnection | undefined } | { refused: Reply } {
  const id = params.get('connection_id');
  if (id === null) return { bound: undefined };
  const connection = context.state.connection(id);
  if (connection && connection.clientId === resolved.client.id) return { bound: connection };
  return {
    refused: redirectWith(resolved.redirectUri, {
      error: 'invalid_request',
      error_description: 'connection_id names no connection of this application.',
      state: params.get('state'),
    }),
  };
}

/** The consent page for a resolved client, with what the customer typed and what went wrong. */
function renderConsent(
  resolved: { client: SandboxClientOptions; redirectUri: string },
  status: number,
  fields: {
    state: string | null;
    platform: string | null;
    username: string;
    error?: string;
    bound?: SandboxConnection | undefined;
  },
): Reply {
  const { bound, ...shown } = fields;
  return {
    status,
    html: consentPage({
      clientName: resolved.client.name ?? resolved.client.id,
      clientId: resolved.client.id,
      redirectUri: resolved.redirectUri,
      ...shown,
      ...(bound && {
        username: bound.username,
        bound: { connectionKey: bound.key, provider: bound.platform.provider },
      }),
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
  const binding = boundConnection(context, resolved, context.query);
  if ('refused' in binding) return binding.refused;
  const { bound } = binding;
  return renderConsent(resolved, 200, {
    state,
    platform: context.query.get('platform'),
    username: context.query.get('login_hint') ?? '',
    bound,
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
  const binding = boundConnection(context, resolved, form);
  if ('refused' in binding) return binding.refused;
  const { bound } = binding;
  // A bound consent signs in to its connection's account only: the page shows those fields as
  // fixed, and a form that says otherwise is not trusted.
  const input = {
    clientId: resolved.client.id,
    provider: bound ? bound.platform.provider : (form.get('platform') ?? ''),
    username: bound ? bound.username : (form.get('username') ?? ''),
    password: form.get('password') ?? '',
  };
  // A bound consent checks that connection's own password: a sign-in by username could create
  // another account, or reach another one.
  const result = bound
    ? context.state.reconnect(bound, input.password)
    : context.state.signIn(input);
  if ('problem' in result || (bound && result.connection.key !== bound.key)) {
    return renderConsent(resolved, 401, {
      state,
      platform: input.provider,
      username: input.username,
      error: 'problem' in result ? result.problem : 'This connection cannot be reconnected.',
      bound,
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

export function addOauthRoutes(router: Router<Handler>) {
  router
    .add('GET', '/oauth/authorize', showConsent)
    .add('POST', '/oauth/authorize', submitConsent)
    .add('POST', '/link/token', linkToken);
}
