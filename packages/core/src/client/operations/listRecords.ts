import type * as z from 'zod';
import { type Page, PageEnvelope } from '../../models/Page.js';
import type { MakiniClient } from '../MakiniClient.js';
import { PagePromise } from '../PagePromise.js';
import type { ParseContext } from '../RequestInput.js';
import { NO_MATCH } from './compileParser.js';
import { fastParser } from './fastParser.js';
import type { ListParams } from './ListParams.js';
import { listQuery, pageQuery } from './listQuery.js';
import { parseRecords, type RecordParsing } from './parseRecords.js';
import { type OperationPath, resolvePath } from './pathKey.js';
import { requestOptions } from './requestOptions.js';
import { templateOf } from './templateOf.js';

/** Parses a page: the envelope strictly, then each record on its own. */
function parsePage<Item>(
  json: unknown,
  schema: z.ZodType<Item>,
  context: ParseContext,
  parsing: RecordParsing,
): Page<Item> {
  const fast = fastParser(PageEnvelope)?.(json) ?? NO_MATCH;
  const envelope =
    fast === NO_MATCH
      ? PageEnvelope.safeParse(json)
      : { success: true as const, data: fast as z.output<typeof PageEnvelope> };
  if (!envelope.success) {
    const issue = envelope.error.issues[0];
    throw context.validationError(
      issue?.path.join('.') ?? '',
      `${issue?.message ?? 'invalid'} (the page envelope { data: [], links, meta } is broken)`,
      envelope.error,
    );
  }
  const { data, invalidRecords, invalidRecordCount } = parseRecords(
    envelope.data.data,
    schema,
    context,
    parsing,
  );
  return { ...envelope.data, data, invalidRecords, invalidRecordCount };
}

/**
 * A list call: a `PagePromise` of pages of `Item`, each record parsed on its own. A record that
 * breaks `schema` is set aside in `page.invalidRecords` (and reported to `onInvalidRecord` and the
 * client's `hooks.onInvalidRecord`) instead of failing its page, unless `strict`.
 *
 * A filter or sort Makini cannot take (an unknown operator, an object value) rejects the list
 * with `InvalidArgumentError` when it is awaited or iterated, before anything is sent.
 * @example
 * const orders = listRecords(client, '/api/erp/purchase-orders', PurchaseOrder, { perPage: 100 });
 * for await (const order of orders) console.log(order.orderNo);
 * console.log(orders.invalidRecordCount); // records set aside over the whole iteration
 */
export function listRecords<Item, Fields extends string = string>(
  client: MakiniClient,
  operationPath: OperationPath,
  schema: z.ZodType<Item>,
  params: ListParams<Fields> = {},
): PagePromise<Item> {
  let path = typeof operationPath === 'string' ? operationPath : operationPath.template;
  let operation = `GET ${path}`;
  let base: URLSearchParams;
  try {
    path = resolvePath('GET', operationPath);
    operation = `GET ${path}`;
    base = listQuery(params as ListParams, { method: 'GET', path });
  } catch (error) {
    // A list is lazy: its mistake rejects when it is awaited or iterated, like any failure.
    return new PagePromise<Item>(() => Promise.reject(error), params.page ?? 1, operation);
  }
  const options = requestOptions(params);
  return new PagePromise<Item>(
    (page) =>
      client.request({
        method: 'GET',
        path,
        template: templateOf(operationPath),
        query: pageQuery(base, page),
        parse: (json, context) =>
          parsePage(json, schema, context, {
            strict: params.strict ?? context.strict,
            operation,
            onInvalidRecord: params.onInvalidRecord,
            maxRecords: params.perPage,
          }),
        ...options,
      }) as Promise<Page<Item>>,
    params.page ?? 1,
    operation,
  );
}
