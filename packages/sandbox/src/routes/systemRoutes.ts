import { fieldMappingOf, findPlatform, PLATFORMS } from '../data/platforms.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import { listPage, parseListQuery } from '../http/listQuery.js';
import { json } from '../http/Reply.js';
import type { RequestContext } from '../http/RequestContext.js';
import type { Router } from '../http/Router.js';
import { parseJsonBody } from '../http/readBody.js';
import { type SandboxConnection, toWireConnection } from '../state/ConnectionRegistry.js';
import { syncStatusOf } from '../state/SyncRunner.js';
import { connectionSubject } from '../state/TokenStore.js';
import { expiresInValue } from './expiresIn.js';

const CONNECTION_FIELDS = [
  'key',
  'name',
  'email',
  'status',
  'integration_name',
  'client_id',
  'created_at',
  'updated_at',
];

function redirectOf(context: RequestContext, clientId: string) {
  return context.state.clients.get(clientId)?.redirectUris[0] ?? '';
}

/** A connection of the calling client, or 404 (never another client's). */
function ownConnection(context: RequestContext, clientId: string): SandboxConnection {
  const connection = context.state.connection(context.params.id ?? '');
  if (!connection || connection.clientId !== clientId) {
    throw new ApiError(404, 'NOT_FOUND', `No connection with id ${context.params.id}.`);
  }
  return connection;
}

const listConnections: Handler = (context) => {
  const clientId = context.requireClient();
  const query = parseListQuery(context.query, {
    filterable: CONNECTION_FIELDS,
    sortable: CONNECTION_FIELDS,
  });
  const redirect = redirectOf(context, clientId);
  const rows = context.state.registry
    .list(clientId)
    .map((connection) => toWireConnection(connection, redirect));
  return json(listPage(context.url, query, rows));
};

const createConnection: Handler = async (context) => {
  const clientId = context.requireClient();
  const body = parseJsonBody(await context.body(), context.request.headers['content-type']);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw ApiError.invalid(
      'body',
      'must be a JSON object with name, email, provider and credentials',
    );
  }
  const { name, email, provider, credentials } = body as Record<string, unknown>;
  if (typeof name !== 'string' || !name.trim()) throw ApiError.invalid('name', 'is required');
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(email))
    throw ApiError.invalid('email', 'must be an email address');
  const platform = typeof provider === 'string' ? findPlatform(provider) : undefined;
  if (!platform) {
    throw ApiError.invalid(
      'provider',
      `must be one of ${PLATFORMS.map((entry) => entry.provider).join(', ')}`,
    );
  }
  const { login: given, password } = (credentials ?? {}) as Record<string, unknown>;
  // Trimmed as the consent page trims what the customer types: an account stored with spaces
  // could never be signed in to again.
  const login = typeof given === 'string' ? given.trim() : given;
  if (typeof login !== 'string' || typeof password !== 'string' || !login || !password) {
    throw ApiError.invalid('credentials', 'must hold the login and password of the system account');
  }
  if (context.state.registry.findAccount(clientId, platform.provider, login)) {
    throw new ApiError(
      409,
      'CONFLICT',
      `A connection for ${login} on ${platform.name} exists already.`,
    );
  }
  const connection = context.state.registry.add({
    clientId,
    name,
    email,
    platform,
    username: login,
    password,
  });
  context.state.startFirstSync(connection);
  const pair = context.state.tokens.issuePair(connectionSubject(clientId, connection));
  return json({
    data: {
      access_token: pair.accessToken,
      refresh_token: pair.refreshToken,
      expires_in: expiresInValue(context.state.options, pair.expiresAt),
    },
  });
};

const deleteConnection: Handler = (context) => {
  const connection = ownConnection(context, context.requireClient());
  connection.deleted = true;
  return json({});
};

const issueConnectionToken: Handler = (context) => {
  const clientId = context.requireClient();
  const connection = ownConnection(context, clientId);
  const issued = context.state.tokens.issueAccess(connectionSubject(clientId, connection));
  return json({
    data: {
      token: issued.token,
      expires_in: expiresInValue(context.state.options, issued.expiresAt),
    },
  });
};

const getMetadata: Handler = (context) => {
  const clientId = context.requireClient();
  const connection = ownConnection(context, clientId);
  const query = parseListQuery(context.query, { filterable: [], sortable: [] });
  return json(
    listPage(context.url, query, [toWireConnection(connection, redirectOf(context, clientId))]),
  );
};

const setMetadata: Handler = async (context) => {
  const clientId = context.requireClient();
  const connection = ownConnection(context, clientId);
  const body = parseJsonBody(await context.body(), context.request.headers['content-type']);
  if (!Array.isArray(body))
    throw ApiError.invalid('body', 'must be an array of { key, value } pairs');
  body.forEach((entry, index) => {
    const { key, value } = (entry ?? {}) as Record<string, unknown>;
    if (typeof key !== 'string' || !key)
      throw ApiError.invalid(`${index}.key`, 'must be a non-empty string');
    if (typeof value !== 'string') throw ApiError.invalid(`${index}.value`, 'must be a string');
  });
  for (const { key, value } of body as Array<{ key: string; value: string }>)
    connection.userMetadata[key] = value;
  connection.updatedAt = context.state.options.now();
  return json({ data: toWireConnection(connection, redirectOf(context, clientId)) });
};

const listPlatforms: Handler = (context) => {
  context.authenticate();
  const query = parseListQuery(context.query, {
    filterable: ['provider', 'name', 'category'],
    sortable: ['name'],
  });
  const rows = PLATFORMS.map((platform) => ({
    id: platform.id,
    name: platform.name,
    provider: platform.provider,
    category: platform.category,
  }));
  return json(listPage(context.url, query, rows));
};

const getClient: Handler = (context) => {
  const clientId = context.requireClient();
  const client = context.state.clients.get(clientId);
  return json({
    data: {
      id: clientId,
      name: client?.name ?? clientId,
      logo_url: '',
      email: `${clientId}@clients.example`,
      default_redirect: client?.redirectUris[0] ?? '',
      redirects: client?.redirectUris ?? [],
    },
  });
};

const getCurrentIntegration: Handler = (context) => {
  const subject = context.authenticate({ allowBrokenCredentials: true });
  const connection =
    subject.kind === 'connection' ? context.state.connection(subject.connectionKey) : undefined;
  if (!connection)
    throw new ApiError(403, 'FORBIDDEN', 'Call /api/integrations/current with a connection token.');
  return json({ data: integrationOf(connection) });
};

/** `/api/integrations/current`: answered even when credentials are broken, so health checks can see `fail`. */
function integrationOf(connection: SandboxConnection) {
  return {
    id: connection.key,
    company_name: connection.name,
    email: connection.email,
    provider: connection.platform.provider,
    updated_at: new Date(connection.updatedAt).toISOString(),
    sync_status: syncStatusOf(connection),
    sync_updated_at: new Date(connection.syncUpdatedAt).toISOString(),
  };
}

const deleteCurrentIntegration: Handler = (context) => {
  const connection = context.requireConnection();
  connection.deleted = true;
  return json({});
};

const getFieldMapping: Handler = (context) => {
  context.authenticate();
  const platform = findPlatform(context.params.provider ?? '');
  if (!platform) {
    throw new ApiError(
      404,
      'NOT_FOUND',
      `No platform ${context.params.provider}; see GET /api/system/platforms.`,
    );
  }
  return json({ data: fieldMappingOf(platform) });
};

/** The handler of each system operation, by its `operationId` in the generated `OPERATIONS`. */
export const SYSTEM_HANDLERS: Readonly<Record<string, Handler>> = {
  'connections.list': listConnections,
  'connections.create': createConnection,
  'connections.delete': deleteConnection,
  'connections.metadata': getMetadata,
  'connections.setMetadata': setMetadata,
  'connections.createToken': issueConnectionToken,
  'platforms.list': listPlatforms,
  'application.get': getClient,
  'integrations.current': getCurrentIntegration,
  'integrations.deleteCurrent': deleteCurrentIntegration,
};

/** Routes beyond Makini's API: which fields each platform supplies (a sandbox extension). */
export function addSandboxExtensions(router: Router<Handler>) {
  router.add('GET', '/api/x-sandbox/platforms/:provider/field-mapping', getFieldMapping);
}
