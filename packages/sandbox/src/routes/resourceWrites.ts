import { createHash } from 'node:crypto';
import type { SandboxRecord } from '../data/Collection.js';
import { refTarget } from '../data/seed/keys.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import type { Reply } from '../http/Reply.js';
import type { RequestContext } from '../http/RequestContext.js';
import { parseJsonBody } from '../http/readBody.js';
import { resourceCatalog } from '../spec/ResourceCatalog.js';
import { fitRecord } from './fitRecord.js';
import { connectionFor } from './resourceReads.js';
import { invalidField, validateBody, validateRecord } from './validateBody.js';

/** `purchase-orders` → `purchase_order`: the family of its `*.inserted` / `*.updated` events. */
export function eventFamily(segment: string): string {
  const singular = segment.replace(/ies$/, 'y').replace(/(?<!s)s$/, '');
  return singular.replace(/-/g, '_');
}

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Every `*Key` in the body that names a collection must name a record of it. */
function checkReferences(context: RequestContext, segment: string, body: Record<string, unknown>) {
  const data = context.requireConnection().data;
  for (const [field, value] of Object.entries(body)) {
    if (!field.endsWith('Key') || typeof value !== 'string' || field === 'parentKey') continue;
    const target = refTarget(field, segment);
    if (target && data.collection(target).indexOf(value) < 0)
      throw invalidField(field, `names no ${target} record (${value})`);
  }
}

type Write = (context: RequestContext, body: Record<string, unknown>) => Reply;

/**
 * Runs a write with `Idempotency-Key` handling: the same key and body answer the first reply
 * again; the same key with another body (or route) is refused with 409 `CONFLICT`.
 */
async function idempotent(
  context: RequestContext,
  schema: string | undefined,
  segment: string,
  write: Write,
) {
  const connection = connectionFor(context, segment);
  const raw = await context.body();
  const body = validateBody(parseJsonBody(raw, context.request.headers['content-type']), schema, {
    strict: context.state.options.assumptions.strictBodies,
  });
  const header = context.request.headers['idempotency-key'];
  const key =
    typeof header === 'string' && context.state.options.assumptions.idempotency
      ? header
      : undefined;
  if (!key) return write(context, body);
  const fingerprint = createHash('sha256')
    .update(`${context.request.method} ${context.url.pathname}\n`)
    .update(raw)
    .digest('hex');
  const now = context.state.options.now();
  const seen = connection.data.idempotency.get(key, now);
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      throw new ApiError(
        409,
        'CONFLICT',
        `Idempotency-Key "${key}" was used for another request; send a new key for a different body.`,
      );
    }
    return { ...seen.reply, headers: { ...seen.reply.headers, 'idempotent-replayed': 'true' } };
  }
  const reply = write(context, body);
  connection.data.idempotency.set(key, { fingerprint, reply }, now);
  return reply;
}

function store(
  context: RequestContext,
  segment: string,
  record: SandboxRecord,
  inserted: boolean,
): Reply {
  const connection = context.requireConnection();
  const schema = resourceCatalog().get(segment)?.schema;
  const stored = schema ? fitRecord(record, schema) : record;
  if (schema) validateRecord(stored, schema);
  // Serialized before it is stored: a record every later read, webhook and state file can write.
  try {
    JSON.stringify(stored);
  } catch (cause) {
    throw new ApiError(
      422,
      'VALIDATION_ERROR',
      `The record this write would store cannot be written as JSON (${(cause as Error).message}); nothing was stored.`,
    );
  }
  connection.data.write(segment, stored);
  context.state.changed();
  if (context.state.options.assumptions.recordWebhooks || segment === 'purchase-orders') {
    context.state.webhooks.emit(
      `${eventFamily(segment)}.${inserted ? 'inserted' : 'updated'}`,
      connection.key,
      stored,
    );
  }
  return { status: 200, json: { data: stored } };
}

/** `POST /api/erp/<resource>`. */
export const createResource =
  (segment: string, schema: string | undefined): Handler =>
  (context) =>
    idempotent(context, schema, segment, (ctx, body) => {
      checkReferences(ctx, segment, body);
      const data = ctx.requireConnection().data;
      const size = data.collection(segment).size;
      const key =
        segment === 'purchase-orders' ? data.orders.generator.keyOf(size) : newKey(segment, size);
      const now = iso(ctx.state.options.now());
      const blank = Object.fromEntries(
        (resourceCatalog().get(segment)?.fieldNames ?? []).map((name) => [name, null]),
      );
      return store(ctx, segment, { ...blank, ...body, key, createdAt: now, updatedAt: now }, true);
    });

const newKey = (segment: string, size: number) =>
  `${String(resourceCatalog().get(segment) ? 90 : 99)}${createHash('sha1').update(`${segment}/${size}`).digest('hex').replace(/\D/g, '').padEnd(12, '0').slice(0, 12)}`;

function existing(context: RequestContext, segment: string): SandboxRecord {
  const collection = context.requireConnection().data.collection(segment);
  const key = context.params.key ?? '';
  const record = collection.record(collection.indexOf(key));
  if (collection.indexOf(key) < 0 || !record)
    throw new ApiError(
      404,
      'NOT_FOUND',
      `No ${segment} record with key ${key} in this connection.`,
    );
  return record;
}

/** `PUT /api/erp/<resource>/{key}`. */
export const updateResource =
  (segment: string, schema: string | undefined): Handler =>
  (context) =>
    idempotent(context, schema, segment, (ctx, body) => {
      const record = existing(ctx, segment);
      checkReferences(ctx, segment, body);
      const now = iso(ctx.state.options.now());
      return store(ctx, segment, { ...record, ...body, key: record.key, updatedAt: now }, false);
    });

/** `PUT /api/erp/<resource>/{key}/status`: only a status its `statuses` endpoint lists. */
export const updateStatus =
  (segment: string, schema: string | undefined): Handler =>
  (context) =>
    idempotent(context, schema, segment, (ctx, body) => {
      const record = existing(ctx, segment);
      const statuses = ctx.requireConnection().data.collection(`statuses/${segment}`);
      const wanted = String(body.status ?? '');
      let found: SandboxRecord | undefined;
      for (let index = 0; index < statuses.size; index++) {
        const status = statuses.record(index);
        if (status && [status.key, status.code, status.name].includes(wanted)) found = status;
      }
      if (!found) {
        const names = Array.from(
          { length: statuses.size },
          (_, index) => statuses.record(index)?.code,
        ).join(', ');
        throw invalidField(
          'status',
          `must be one of the statuses GET /api/erp/statuses/${segment} lists (${names})`,
        );
      }
      const now = iso(ctx.state.options.now());
      return store(ctx, segment, { ...record, statusKey: found.key, updatedAt: now }, false);
    });

/** `PUT /api/erp/materials/{key}/inventory`: sets the material's embedded inventory. */
export const updateInventory =
  (schema: string | undefined): Handler =>
  (context) =>
    idempotent(context, schema, 'materials', (ctx, body) => {
      const record = existing(ctx, 'materials');
      checkReferences(ctx, 'inventories', body);
      const inventory = { ...((record.inventory as object | null) ?? {}), ...body };
      const now = iso(ctx.state.options.now());
      return store(ctx, 'materials', { ...record, inventory, updatedAt: now }, false);
    });
