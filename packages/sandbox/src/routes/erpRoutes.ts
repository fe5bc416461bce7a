import { PURCHASE_ORDER_FIELDS, PURCHASE_ORDER_LINE_ITEM_FIELDS } from '@makini-kit/core';
import { CURRENCIES, STATUSES, UNITS, VENDORS } from '../data/catalog.js';
import type { PurchaseOrderGenerator } from '../data/PurchaseOrderGenerator.js';
import { ApiError } from '../http/ApiError.js';
import type { Handler } from '../http/Handler.js';
import {
  type ListQuery,
  listPage,
  pageEnvelope,
  parseListQuery,
  passesFilters,
  sortComparator,
} from '../http/listQuery.js';
import { json } from '../http/Reply.js';
import type { Router } from '../http/Router.js';

const ORDER_FIELDS = PURCHASE_ORDER_FIELDS.filter(
  (field) => field !== 'lineItems' && !field.endsWith('Address'),
);
const LINE_FIELDS = [...PURCHASE_ORDER_LINE_ITEM_FIELDS, 'purchaseOrderKey'];
/** Orders are generated in `key`, `orderDate` and `updatedAt` order, so those sorts need no scan. */
const INDEX_ORDERED = new Set(['key', 'orderDate', 'updatedAt', 'orderNo']);

/**
 * Filtered or re-sorted views scan every generated order once; the resulting index list is kept
 * for a few queries so paging through it does not scan again.
 */
const scanCache = new WeakMap<PurchaseOrderGenerator, Map<string, Uint32Array>>();

function selectOrders(
  orders: PurchaseOrderGenerator,
  query: ListQuery,
): { total: number; at: (i: number) => number } {
  const indexOrdered = query.sort.every((sort) => INDEX_ORDERED.has(sort.field));
  if (query.filters.length === 0 && indexOrdered) {
    const descending = query.sort[0]?.descending ?? false;
    return { total: orders.count, at: (i) => (descending ? orders.count - 1 - i : i) };
  }
  const cacheKey = JSON.stringify([query.filters, query.match, query.sort]);
  let cache = scanCache.get(orders);
  if (!cache) {
    cache = new Map();
    scanCache.set(orders, cache);
  }
  let selected = cache.get(cacheKey);
  if (!selected) {
    const matching: Array<{ index: number; record: Record<string, unknown> }> = [];
    for (let index = 0; index < orders.count; index++) {
      const record = orders.order(index) as Record<string, unknown>;
      if (passesFilters(record, query)) matching.push({ index, record });
    }
    if (query.sort.length > 0) {
      const compare = sortComparator(query);
      matching.sort(
        (left, right) => compare(left.record, right.record) || left.index - right.index,
      );
    }
    selected = Uint32Array.from(matching, (entry) => entry.index);
    if (cache.size >= 8) cache.delete(cache.keys().next().value as string);
    cache.set(cacheKey, selected);
  }
  const indices = selected;
  return { total: indices.length, at: (i) => indices[i] ?? 0 };
}

const listPurchaseOrders: Handler = (context) => {
  const connection = context.requireConnection();
  const query = parseListQuery(context.query, { filterable: ORDER_FIELDS, sortable: ORDER_FIELDS });
  const { total, at } = selectOrders(connection.orders, query);
  const start = (query.page - 1) * query.perPage;
  const records: string[] = [];
  for (let i = start; i < Math.min(total, start + query.perPage); i++)
    records.push(connection.orders.orderJson(at(i)));
  const { links, meta } = pageEnvelope(context.url, query, total, records);
  return {
    status: 200,
    rawJson: `{"data":[${records.join(',')}],"links":${JSON.stringify(links)},"meta":${JSON.stringify(meta)}}`,
  };
};

const getPurchaseOrder: Handler = (context) => {
  const connection = context.requireConnection();
  const key = context.params.key ?? '';
  const index = connection.orders.indexOf(key);
  if (index < 0)
    throw new ApiError(404, 'NOT_FOUND', `No purchase order with key ${key} in this connection.`);
  return { status: 200, rawJson: `{"data":${connection.orders.orderJson(index)}}` };
};

const listLineItems: Handler = (context) => {
  const connection = context.requireConnection();
  const query = parseListQuery(context.query, { filterable: LINE_FIELDS, sortable: ['key'] });
  const orders = connection.orders;
  const byOrder = query.filters.find(
    (filter) => filter.field === 'purchaseOrderKey' && filter.operator === 'eq',
  );
  if (byOrder && query.filters.length === 1) {
    const index = orders.indexOf(byOrder.value);
    const items = index < 0 ? [] : (orders.order(index).lineItems ?? []);
    return json(listPage(context.url, query, items as Array<Record<string, unknown>>));
  }
  if (query.filters.length > 0) {
    throw ApiError.invalid(
      'filter',
      'on line items supports only filter[purchaseOrderKey]=<order key>',
    );
  }
  const total = orders.lineItemCount;
  const start = (query.page - 1) * query.perPage;
  const descending = query.sort[0]?.descending ?? false;
  const data = [];
  for (let i = start; i < Math.min(total, start + query.perPage); i++) {
    const position = orders.locateLineItem(descending ? total - 1 - i : i);
    if (position) data.push(orders.lineItem(position.order, position.line));
  }
  return json(pageEnvelope(context.url, query, total, data));
};

const staticList =
  (items: ReadonlyArray<Record<string, unknown>>, fields: readonly string[]): Handler =>
  (context) => {
    context.requireConnection();
    const query = parseListQuery(context.query, { filterable: fields, sortable: fields });
    return json(listPage(context.url, query, items));
  };

const staticGet =
  (items: ReadonlyArray<Record<string, unknown>>, what: string): Handler =>
  (context) => {
    context.requireConnection();
    const item = items.find((entry) => entry.key === context.params.key);
    if (!item) throw new ApiError(404, 'NOT_FOUND', `No ${what} with key ${context.params.key}.`);
    return json({ data: item });
  };

const fieldsOf = (items: ReadonlyArray<Record<string, unknown>>) => Object.keys(items[0] ?? {});

export function addErpRoutes(router: Router<Handler>) {
  const vendors = VENDORS as ReadonlyArray<Record<string, unknown>>;
  const currencies = CURRENCIES as ReadonlyArray<Record<string, unknown>>;
  const units = UNITS as ReadonlyArray<Record<string, unknown>>;
  const statuses = STATUSES as ReadonlyArray<Record<string, unknown>>;
  router
    .add('GET', '/api/erp/purchase-orders', listPurchaseOrders)
    .add('GET', '/api/erp/purchase-orders/:key', getPurchaseOrder)
    .add('GET', '/api/erp/purchase-orders.line-items', listLineItems)
    .add('GET', '/api/erp/statuses/purchase-orders', staticList(statuses, fieldsOf(statuses)))
    .add('GET', '/api/erp/vendors', staticList(vendors, fieldsOf(vendors)))
    .add('GET', '/api/erp/vendors/:key', staticGet(vendors, 'vendor'))
    .add('GET', '/api/erp/currencies', staticList(currencies, fieldsOf(currencies)))
    .add('GET', '/api/erp/currencies/:key', staticGet(currencies, 'currency'))
    .add('GET', '/api/erp/uom', staticList(units, fieldsOf(units)))
    .add('GET', '/api/erp/uom/:key', staticGet(units, 'unit of measure'));
}
