import type { SandboxRecord } from '../data/Collection.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import { listPage, parseListQuery } from '../http/listQuery.js';
import { json } from '../http/Reply.js';
import { parseJsonBody } from '../http/readBody.js';
import type { SandboxConnection } from '../state/ConnectionRegistry.js';
import { validateBody } from './validateBody.js';

/** A source-system table: its name, columns and where its rows come from. */
interface RawTable {
  name: string;
  description: string;
  source: string;
  /** Column → field of the source record. */
  columns: Record<string, string>;
}

const table = (
  name: string,
  description: string,
  source: string,
  columns: Record<string, string>,
): RawTable => ({ name, description, source, columns });

/** A small fixed schema per platform, named as each system names its tables. */
const RAW_TABLES: Readonly<Record<string, readonly RawTable[]>> = {
  'sap-s4hana': [
    table('EKKO', 'Purchasing document header', 'purchase-orders', {
      EBELN: 'orderNo',
      BEDAT: 'orderDate',
      LIFNR: 'vendorKey',
      WAERS: 'currencyKey',
      NETWR: 'totalNetValue',
    }),
    table('LFA1', 'Vendor master', 'vendors', { LIFNR: 'key', NAME1: 'name', SORTL: 'code' }),
    table('MARA', 'Material master', 'materials', {
      MATNR: 'code',
      MAKTX: 'name',
      MEINS: 'uomKey',
    }),
  ],
  'oracle-netsuite': [
    table('transaction', 'Transactions (purchase orders)', 'purchase-orders', {
      tranid: 'orderNo',
      trandate: 'orderDate',
      entity: 'vendorKey',
      total: 'totalGrossValue',
    }),
    table('vendor', 'Vendors', 'vendors', { id: 'key', companyname: 'name', entityid: 'code' }),
    table('item', 'Items', 'products', { itemid: 'code', displayname: 'name' }),
  ],
  'ibm-maximo': [
    table('PO', 'Purchase orders', 'purchase-orders', {
      PONUM: 'orderNo',
      ORDERDATE: 'orderDate',
      VENDOR: 'vendorKey',
      TOTALCOST: 'totalNetValue',
    }),
    table('COMPANIES', 'Companies (vendors)', 'vendors', { COMPANY: 'code', NAME: 'name' }),
    table('ITEM', 'Items', 'materials', {
      ITEMNUM: 'code',
      DESCRIPTION: 'name',
      ORDERUNIT: 'uomKey',
    }),
  ],
  'dynamics-365': [
    table('PurchTable', 'Purchase order headers', 'purchase-orders', {
      PurchId: 'orderNo',
      AccountingDate: 'orderDate',
      OrderAccount: 'vendorKey',
      CurrencyCode: 'currencyKey',
    }),
    table('VendTable', 'Vendors', 'vendors', { AccountNum: 'code', Name: 'name' }),
    table('InventTable', 'Released products', 'products', { ItemId: 'code', NameAlias: 'name' }),
  ],
};

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

function rows(connection: SandboxConnection, entry: RawTable): SandboxRecord[] {
  const collection = connection.data.collection(entry.source);
  const count = Math.min(collection.size, 500);
  return Array.from({ length: count }, (_, index) => {
    const record = collection.record(index) ?? {};
    return Object.fromEntries(
      Object.entries(entry.columns).map(([column, field]) => [column, record[field] ?? null]),
    );
  });
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
  return json(listPage(context.url, query, rows(connection, entry)));
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
      ? rows(connection, entry).slice(0, 50)
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
