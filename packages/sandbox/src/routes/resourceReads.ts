import { platformServes } from '../data/seed/coverage.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import { listPage, parseListQuery } from '../http/listQuery.js';
import { pageJson } from '../http/listRecords.js';
import { json } from '../http/Reply.js';
import type { RequestContext } from '../http/RequestContext.js';
import { resourceCatalog } from '../spec/ResourceCatalog.js';
import type { SandboxConnection } from '../state/ConnectionRegistry.js';

/**
 * The connection, after checking its platform serves the resource. Otherwise a read or write of
 * one record answers 404 and a create 422 (the statuses the overlaid spec declares for them).
 */
export function connectionFor(context: RequestContext, segment: string): SandboxConnection {
  const connection = context.requireConnection();
  if (!platformServes(connection.platform.provider, segment)) {
    const message = `${connection.platform.name} does not provide ${segment} through Makini; see the sandbox's FIDELITY.md for each platform's resources.`;
    if (context.params.key !== undefined) throw new ApiError(404, 'NOT_FOUND', message);
    throw new ApiError(422, 'VALIDATION_ERROR', message);
  }
  return connection;
}

/** `GET /api/erp/<resource>`: filter, sort and page on every field of the resource. */
export const listResource =
  (segment: string): Handler =>
  (context) => {
    const connection = context.requireConnection();
    const resource = resourceCatalog().get(segment);
    const fields = resource?.fieldNames ?? ['key'];
    const kinds = resource?.kinds ?? {};
    // A platform without the resource holds none of its records: an empty page, as the spec
    // declares no error for a list.
    if (!platformServes(connection.platform.provider, segment))
      return json(
        listPage(
          context.url,
          parseListQuery(context.query, { filterable: fields, sortable: fields, kinds }),
          [],
        ),
      );
    const data = connection.data;
    const corrupt = context.state.faults.corruptEvery;
    const cacheKey = `${segment}|${context.url.host}|${context.url.search}`;
    const cached = corrupt ? undefined : data.pages.get(cacheKey);
    if (cached && cached.version === data.version) return { status: 200, rawJson: cached.text };
    const query = parseListQuery(context.query, { filterable: fields, sortable: fields, kinds });
    const collection = data.collection(segment);
    const text = pageJson(
      context.url,
      collection,
      query,
      data.version,
      corrupt ? (json, position) => context.state.faults.corrupt(json, position) : undefined,
    );
    if (!corrupt) {
      if (data.pages.size >= 64) data.pages.delete(data.pages.keys().next().value as string);
      data.pages.set(cacheKey, { version: data.version, text });
    }
    return { status: 200, rawJson: text };
  };

/** `GET /api/erp/<resource>/{key}`. */
export const getResource =
  (segment: string): Handler =>
  (context) => {
    const connection = connectionFor(context, segment);
    const key = context.params.key ?? '';
    const collection = connection.data.collection(segment);
    const index = collection.indexOf(key);
    if (index < 0) {
      throw new ApiError(
        404,
        'NOT_FOUND',
        `No ${segment} record with key ${key} in this connection.`,
      );
    }
    return { status: 200, rawJson: `{"data":${collection.json(index)}}` };
  };
