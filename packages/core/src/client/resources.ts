import * as z from 'zod';
import { Client } from '../models/Client.js';
import { Connection } from '../models/Connection.js';
import { Integration } from '../models/Integration.js';
import { Page } from '../models/Page.js';
import { Platform } from '../models/Platform.js';
import { PurchaseOrder } from '../models/PurchaseOrder.js';
import { PurchaseOrderLineItem } from '../models/PurchaseOrderLineItem.js';
import { PurchaseOrderStatus } from '../models/PurchaseOrderStatus.js';
import { ConnectionToken } from '../models/TokenResponse.js';
import type { MakiniClient } from './MakiniClient.js';
import { PagePromise } from './PagePromise.js';
import type { RequestOptions } from './RequestInput.js';

/** Filter operators Makini understands, as `filter[field:op]=value`. */
export type FilterOperator = 'contains' | 'startsWith' | 'gt' | 'gteq' | 'lt' | 'lteq';
/** `{ vendorKey: 'V1' }` or `{ totalNetValue: { gt: '1000' } }`. */
export type Filter = Record<
  string,
  string | number | Partial<Record<FilterOperator, string | number>>
>;

/** Parameters of every list call. */
export interface ListParams extends RequestOptions {
  /** First page to fetch. @default 1 */
  page?: number;
  /** Records per page (Makini's `per_page`). */
  perPage?: number;
  filter?: Filter;
  /** `all` (AND, the default) or `any` (OR). */
  filterMatch?: 'all' | 'any';
  /** `{ orderDate: 'desc' }`; several keys sort by each in turn. */
  sort?: Record<string, 'asc' | 'desc'>;
}

function listQuery(params: ListParams, page: number): URLSearchParams {
  const query = new URLSearchParams({ page: String(page) });
  if (params.perPage !== undefined) query.set('per_page', String(params.perPage));
  for (const [field, condition] of Object.entries(params.filter ?? {})) {
    if (typeof condition === 'object') {
      for (const [operator, value] of Object.entries(condition))
        query.append(`filter[${field}:${operator}]`, String(value));
    } else {
      query.append(`filter[${field}]`, String(condition));
    }
  }
  if (params.filterMatch) query.set('filterMatch', params.filterMatch);
  for (const [field, direction] of Object.entries(params.sort ?? {}))
    query.append(`sort[${field}]`, direction === 'desc' ? '1' : '0');
  return query;
}

function requestOptions(params: RequestOptions) {
  return {
    signal: params.signal,
    maxRetries: params.maxRetries,
    timeoutMs: params.timeoutMs,
    headers: params.headers,
    idempotencyKey: params.idempotencyKey,
  };
}

/**
 * Envelope schemas, built once per item schema: zod compiles an object parser on first use, so a
 * schema built per call would pay that compilation on every request.
 */
const dataSchemas = new WeakMap<z.ZodType, z.ZodType>();
const pageSchemas = new WeakMap<z.ZodType, z.ZodType>();

function data<Schema extends z.ZodType>(schema: Schema): z.ZodObject<{ data: Schema }> {
  let envelope = dataSchemas.get(schema);
  if (!envelope) {
    envelope = z.object({ data: schema });
    dataSchemas.set(schema, envelope);
  }
  return envelope as z.ZodObject<{ data: Schema }>;
}

function pageOf<Schema extends z.ZodType>(schema: Schema): ReturnType<typeof Page<Schema>> {
  let page = pageSchemas.get(schema);
  if (!page) {
    page = Page(schema);
    pageSchemas.set(schema, page);
  }
  return page as ReturnType<typeof Page<Schema>>;
}

export function createResources(client: MakiniClient) {
  const list = <Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    params: ListParams = {},
  ) => {
    const PageSchema = pageOf(schema);
    return new PagePromise<z.output<Schema>>(
      (page) =>
        client.request({
          method: 'GET',
          path,
          query: listQuery(params, page),
          schema: PageSchema,
          ...requestOptions(params),
        }) as Promise<Page<z.output<Schema>>>,
      params.page ?? 1,
      `GET ${path}`,
    );
  };
  const id = (value: string) => encodeURIComponent(value);

  return {
    /** Connections of your Makini client (client token). */
    connections: {
      list: (params?: ListParams) => list('/api/system/connections', Connection, params),
      /** Deletes a connection; its tokens stop working. */
      delete: async (connectionId: string, options: RequestOptions = {}) => {
        await client.request({
          method: 'DELETE',
          path: `/api/system/connections/${id(connectionId)}`,
          ...requestOptions(options),
        });
      },
      /** Issues a new access token for one connection. */
      createToken: async (connectionId: string, options: RequestOptions = {}) =>
        (
          await client.request({
            method: 'POST',
            path: `/api/system/connections/${id(connectionId)}/token`,
            schema: data(ConnectionToken),
            ...requestOptions(options),
          })
        ).data,
      metadata: (connectionId: string, params?: ListParams) =>
        list(`/api/system/connections/${id(connectionId)}/metadata`, Connection, params),
      /** Sets metadata key/value pairs on a connection. */
      setMetadata: async (
        connectionId: string,
        entries: Array<{ key: string; value: string }>,
        options: RequestOptions = {},
      ) =>
        (
          await client.request({
            method: 'POST',
            path: `/api/system/connections/${id(connectionId)}/metadata`,
            body: entries,
            schema: data(Connection),
            ...requestOptions(options),
          })
        ).data,
    },
    platforms: {
      list: (params?: ListParams) => list('/api/system/platforms', Platform, params),
    },
    client: {
      /** Your Makini client: name, redirect URIs. */
      get: async (options: RequestOptions = {}) =>
        (
          await client.request({
            method: 'GET',
            path: '/api/system/client',
            schema: data(Client),
            ...requestOptions(options),
          })
        ).data,
    },
    integrations: {
      /** The connection the token belongs to, with its `sync_status` (`fail` = credentials broken). */
      current: async (options: RequestOptions = {}) =>
        (
          await client.request({
            method: 'GET',
            path: '/api/integrations/current',
            schema: data(Integration),
            ...requestOptions(options),
          })
        ).data,
    },
    purchaseOrders: {
      /** @example for await (const order of client.purchaseOrders.list({ perPage: 100, sort: { orderDate: 'desc' } })) … */
      list: (params?: ListParams) => list('/api/erp/purchase-orders', PurchaseOrder, params),
      get: async (key: string, options: RequestOptions = {}) =>
        (
          await client.request({
            method: 'GET',
            path: `/api/erp/purchase-orders/${id(key)}`,
            schema: data(PurchaseOrder),
            ...requestOptions(options),
          })
        ).data,
      /** Line items across orders; `filter: { purchaseOrderKey }` for one order's. */
      lineItems: (params?: ListParams) =>
        list('/api/erp/purchase-orders.line-items', PurchaseOrderLineItem, params),
      statuses: (params?: ListParams) =>
        list('/api/erp/statuses/purchase-orders', PurchaseOrderStatus, params),
    },
    passthrough: {
      /** Calls the source system's own API through Makini (no system credentials needed). */
      request: (
        input: {
          path: string;
          method: 'get' | 'post' | 'put' | 'delete';
          headers?: Record<string, string>;
          body?: unknown;
        },
        options: RequestOptions = {},
      ) =>
        client.request({
          method: 'POST',
          path: '/api/passthrough',
          body: input,
          ...requestOptions(options),
        }),
    },
  };
}
