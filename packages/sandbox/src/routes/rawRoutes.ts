import type { SandboxRecord } from '../data/Collection.js';
import { RAW_TABLES, type RawTable } from '../data/rawTables.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import { parseListQuery } from '../http/listQuery.js';
import { pageJson } from '../http/listRecords.js';
import { json } from '../http/Reply.js';
import { parseJsonBody } from '../http/readBody.js';
import type { SandboxConnection } from '../state/ConnectionRegistry.js';
import { validateBody } from './validateBody.js';

const tablesOf = (connection: SandboxConnection) => RAW_TABLES[connection.platform.provider] ?? [];

/** `GET /api/raw/tables`. */
export const listRawTables: Handler = (context) => {
  const connection = context.requireConnection();
  return json({
    data: tablesOf(connection).map((entry) => ({
      name: entry.name,
      description: entry.description,
      columns: Object.keys(entry.columns),
    })),
  });
};

/** The first `count` rows of a table, for a passthrough read of it. */
function rows(connection: SandboxConnection, entry: RawTable, count: number): SandboxRecord[] {
  const table = connection.data.rawTable(entry);
  return Array.from(
    { length: Math.min(table.size, count) },
    (_, index) => table.record(index) ?? {},
  );
}

/** `GET /api/raw/tables/{table}/data`: the table's rows, paged and filtered by column. */
export const rawTableData: Handler = (context) => {
  const connection = context.requireConnection();
  const name = context.params.table ?? '';
  const entry = tablesOf(connection).find((candidate) => candidate.name === name);
  if (!entry) {
    throw new ApiError(
      404,
      'NOT_FOUND',
      `${connection.platform.name} has no raw table "${name}"; GET /api/raw/tables lists them (${tablesOf(
        connection,
      )
        .map((t) => t.name)
        .join(', ')}).`,
    );
  }
  const columns = Object.keys(entry.columns);
  const query = parseListQuery(context.query, { filterable: columns, sortable: columns });
  const data = connection.data;
  return {
    status: 200,
    rawJson: pageJson(context.url, data.rawTable(entry), query, data.version),
  };
};

const METHODS = ['get', 'post', 'put', 'delete'];

/**
 * `POST /api/passthrough`: takes every field the spec names (path, method, headers, query,
 * base64encoded, body, sql, parameters) and answers as the source system would: a GET of a raw
 * table's name returns its rows, anything else echoes what would have been sent.
 */
export const passthrough: Handler = async (context) => {
  const connection = context.requireConnection();
  const body = validateBody(
    parseJsonBody(await context.body(), context.request.headers['content-type']),
    'PassthroughRequest',
  );
  const method = String(body.method ?? '').toLowerCase();
  if (!METHODS.includes(method)) {
    throw new ApiError(422, 'VALIDATION_ERROR', `method must be one of ${METHODS.join(', ')}.`, {
      fields: { method: [`must be one of ${METHODS.join(', ')}`] },
    });
  }
  if (typeof body.path !== 'string' && typeof body.sql !== 'string') {
    throw new ApiError(422, 'VALIDATION_ERROR', 'path is required (or sql for a query).', {
      fields: { path: ['is required unless sql is given'] },
    });
  }
  const entry = tablesOf(connection).find((candidate) => candidate.name === body.path);
  const answer =
    entry && method === 'get'
      ? rows(connection, entry, 50)
      : {
          received: {
            path: body.path ?? null,
            method,
            query: body.query ?? null,
            sql: body.sql ?? null,
            parameters: body.parameters ?? null,
            body: body.body ?? null,
            base64encoded: body.base64encoded ?? false,
          },
        };
  return json({
    data: { status: 200, headers: { 'content-type': 'application/json' }, body: answer },
  });
};
