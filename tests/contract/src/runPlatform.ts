import { randomUUID } from 'node:crypto';
import { MakiniClient, type OperationDescriptor } from '@makini-kit/core';
import type { AdminConnection } from '@makini-kit/sandbox';
import { buildBody } from './buildBody.js';
import type { RecordingFetch } from './recordingFetch.js';
import { referenceTarget } from './referenceTarget.js';
import { resolveMethod } from './resolveMethod.js';
import type { SpecValidator } from './SpecValidator.js';
import { recordFields } from './validateQuery.js';

type Json = Record<string, unknown>;

/** Where one platform's run happens. */
export interface PlatformTarget {
  readonly baseUrl: string;
  /** The client token for `/api/system/*`. */
  readonly clientToken: string;
  /** A seeded connection of the platform, and a token for it. */
  readonly connection: AdminConnection;
  readonly connectionToken: string;
}

/** An operation that threw for a reason other than an HTTP answer (a client bug or a missing input). */
export interface CallFailure {
  readonly operation: string;
  readonly platform: string;
  readonly error: string;
}

const verbOf = (id: string) => id.slice(id.lastIndexOf('.') + 1);
const ownerOf = (id: string) => id.slice(0, id.lastIndexOf('.'));
const DESTRUCTIVE = new Set(['integrations.deleteCurrent', 'connections.delete']);

/** The order a platform's calls go in: reads that yield keys, reads by key, writes, destruction. */
function phaseOf(operation: OperationDescriptor): number {
  if (DESTRUCTIVE.has(operation.id)) return 4;
  if (operation.id.startsWith('connections.')) return 0;
  if (operation.method !== 'GET') return 3;
  const verb = verbOf(operation.id);
  return verb === 'list' ? 1 : 2;
}

/**
 * Calls every operation once (lists twice: sorted, then filtered to one key) through the typed
 * client for one platform, each method resolved from its operationId. HTTP errors are left for
 * the validator (the exchange is recorded); anything else is returned as a failure.
 *
 * @example
 * const failures = await runPlatform(target, OPERATIONS, validator, recorder);
 */
export async function runPlatform(
  target: PlatformTarget,
  operations: readonly OperationDescriptor[],
  validator: SpecValidator,
  recorder: RecordingFetch,
  schemas: Readonly<Record<string, unknown>>,
): Promise<CallFailure[]> {
  const platform = target.connection.platformName;
  const options = { baseUrl: target.baseUrl, fetch: recorder.fetch, maxRetries: 0 };
  const system = new MakiniClient({ ...options, token: target.clientToken });
  const erp = new MakiniClient({ ...options, token: target.connectionToken });
  const failures: CallFailure[] = [];
  const firstPages = new Map<string, Json[]>();
  const results = new Map<string, unknown>();
  const keyOf = (owner: string) => {
    const record = firstPages.get(owner)?.[0];
    return typeof record?.key === 'string' ? record.key : undefined;
  };
  const listed = () =>
    new Set([...firstPages].filter(([, page]) => page.length > 0).map(([owner]) => owner));
  const reference = (field: string) => {
    const owner = referenceTarget(field, listed());
    return owner === undefined ? undefined : keyOf(owner);
  };

  // Tokens of the connections made for this run: one deletes its own integration, one is deleted.
  let created: string[] = [];
  const call = async (id: string, client: MakiniClient, args: unknown[]) => {
    recorder.begin(id, platform);
    const method = resolveMethod(client, id);
    if (!method) {
      failures.push({ operation: id, platform, error: 'no such client method' });
      return undefined;
    }
    try {
      const result = await method(...args);
      results.set(id, result);
      return result;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (typeof status !== 'number')
        failures.push({ operation: id, platform, error: String((error as Error)?.stack ?? error) });
      return undefined;
    }
  };

  const ordered = [...operations].sort((a, b) => phaseOf(a) - phaseOf(b));
  for (const operation of ordered) {
    const spec = validator.operation(operation.id);
    const declares = (name: string) =>
      spec.parameters.some((p) => p.in === 'query' && p.name === name);
    const client =
      operation.spec === 'system' &&
      !operation.path.startsWith('/api/raw') &&
      !operation.path.startsWith('/api/integrations') &&
      !operation.path.startsWith('/api/passthrough')
        ? system
        : erp;
    const verb = verbOf(operation.id);
    const owner = ownerOf(operation.id);
    const write = { idempotencyKey: randomUUID() };
    const body = (overrides?: Json) =>
      buildBody(spec.requestBody?.schema ?? {}, {
        schemas,
        reference,
        overrides,
        label: owner,
      });
    const listParams = () => {
      const params: Json = {};
      if (declares('per_page')) params.perPage = 5;
      if (declares('sort') && recordFields(validator, spec)?.has('key'))
        params.sort = { key: 'asc' };
      return params;
    };
    switch (operation.id) {
      case 'connections.list':
      case 'platforms.list':
        await call(operation.id, client, [listParams()]);
        continue;
      case 'application.get':
      case 'integrations.current':
      case 'raw.tables.list':
        await call(operation.id, client, []);
        continue;
      case 'connections.create': {
        for (const purpose of ['integration', 'connection']) {
          const result = (await call(operation.id, client, [
            body({
              name: `Contract ${platform} (${purpose})`,
              email: 'it@acme-industrial.example',
              provider: target.connection.platform,
              credentials: {
                login: `contract-${purpose}-${randomUUID()}`,
                password: target.connection.password,
              },
            }),
            write,
          ])) as Json | undefined;
          // Makini answers a new connection with its tokens (ConnectionStore), not its id.
          const token = result?.access_token;
          if (typeof token === 'string') created = [...created, token];
        }
        continue;
      }
      case 'connections.metadata':
        await call(operation.id, client, [target.connection.connectionKey, listParams()]);
        continue;
      case 'connections.setMetadata':
        await call(operation.id, client, [target.connection.connectionKey, body(), write]);
        continue;
      case 'connections.createToken':
        await call(operation.id, client, [target.connection.connectionKey, write]);
        continue;
      case 'raw.tables.data': {
        const tables = results.get('raw.tables.list') as Json | undefined;
        const table = firstTableName(tables);
        if (!table) {
          failures.push({
            operation: operation.id,
            platform,
            error: `no table in raw.tables.list: ${JSON.stringify(tables)?.slice(0, 200)}`,
          });
          continue;
        }
        await call(operation.id, client, [table, listParams()]);
        continue;
      }
      case 'passthrough.request': {
        const table = firstTableName(results.get('raw.tables.list') as Json | undefined);
        await call(operation.id, client, [body({ path: table ?? 'items', method: 'get' }), write]);
        continue;
      }
      case 'integrations.deleteCurrent': {
        const token = created[0];
        if (!token) {
          failures.push({
            operation: operation.id,
            platform,
            error: 'connections.create made no connection to delete',
          });
          continue;
        }
        const doomed = new MakiniClient({ ...options, token });
        await call(operation.id, doomed, []);
        continue;
      }
      case 'connections.delete': {
        const list = (await call('connections.list', client, [{}])) as
          | { data?: Json[] }
          | undefined;
        const doomed = list?.data?.find((c) => c.name === `Contract ${platform} (connection)`);
        const id = doomed?.id ?? doomed?.key ?? doomed?.connectionKey;
        if (typeof id !== 'string') {
          failures.push({
            operation: operation.id,
            platform,
            error: 'connections.create made no connection to delete',
          });
          continue;
        }
        await call(operation.id, client, [id]);
        continue;
      }
    }
    if (verb === 'list') {
      await call(operation.id, client, [listParams()]);
      // Keys from the raw answer: a record the client set aside as invalid still has its key.
      firstPages.set(owner, rawRecords(recorder, operation.id, platform));
      const key = keyOf(owner);
      if (key !== undefined && declares('filter') && recordFields(validator, spec)?.has('key')) {
        await call(operation.id, client, [
          { filter: { key: { gteq: key, lteq: key } }, filterMatch: 'all' },
        ]);
      }
      continue;
    }
    // Without a listed record (the platform does not serve the resource) the key names nothing,
    // and the spec's error response is what comes back and is validated.
    const pathKey = keyOf(owner) ?? 'UNSERVED-0001';
    if (verb === 'get') await call(operation.id, client, [pathKey]);
    else if (verb === 'children' || verb === 'materials')
      await call(operation.id, client, [pathKey, listParams()]);
    else if (verb === 'create') await call(operation.id, client, [body(), write]);
    else if (verb === 'update' || verb === 'updateInventory')
      await call(operation.id, client, [pathKey, body(), write]);
    else if (verb === 'updateStatus') {
      const statuses = firstPages.get(`${owner}.statuses`) ?? [];
      const status = statuses[statuses.length > 1 ? 1 : 0];
      const value = status?.code ?? status?.name ?? status?.key;
      await call(operation.id, client, [
        pathKey,
        body(value === undefined ? {} : { status: value }),
        write,
      ]);
    } else
      failures.push({
        operation: operation.id,
        platform,
        error: 'the contract test has no call plan for it',
      });
  }
  return failures;
}

/** The records of the last 2xx page answered for `operation` on `platform`, as sent. */
function rawRecords(recorder: RecordingFetch, operation: string, platform: string): Json[] {
  for (let index = recorder.exchanges.length - 1; index >= 0; index -= 1) {
    const exchange = recorder.exchanges[index];
    if (exchange?.operation !== operation || exchange.platform !== platform) continue;
    if (exchange.status < 200 || exchange.status >= 300) return [];
    try {
      const data = (JSON.parse(exchange.responseBody) as Json).data;
      return Array.isArray(data)
        ? data.filter((r): r is Json => typeof r === 'object' && r !== null)
        : [];
    } catch {
      return [];
    }
  }
  return [];
}

/** The first table name in `raw.tables.list`'s answer, whatever envelope it uses. */
function firstTableName(answer: Json | undefined): string | undefined {
  const data = (answer?.data ?? answer) as unknown;
  const first = Array.isArray(data) ? data[0] : undefined;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object') {
    const record = first as Json;
    const name = record.name ?? record.table ?? record.key;
    return typeof name === 'string' ? name : undefined;
  }
  return undefined;
}
