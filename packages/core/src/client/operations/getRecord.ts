import type * as z from 'zod';
import type { MakiniClient } from '../MakiniClient.js';
import type { RequestOptions } from '../RequestInput.js';
import type { InvalidRecordEvent } from './InvalidRecord.js';
import { type OperationPath, resolvePath } from './pathKey.js';
import { requestItem } from './requestItem.js';
import { templateOf } from './templateOf.js';

/** Options of a call that returns one record. */
export interface RecordOptions extends RequestOptions {
  /**
   * Throw `ValidationError` when the record breaks its schema, instead of returning it as
   * received, marked (`invalidRecordOf`). @default the client's `strict`, else false
   */
  strict?: boolean | undefined;
  /** Called when the record breaks its schema, as is the client's `hooks.onInvalidRecord`. */
  onInvalidRecord?: ((event: InvalidRecordEvent) => void) | undefined;
  /**
   * The answer carries secrets (a token endpoint's): the copies a hook, an invalid-record mark or
   * a `ValidationError` keep have the value under every secret-named key (`token`,
   * `access_token`, `refresh_token`, `secret`, …) replaced by `[redacted]`. Generated methods of
   * such operations set it. @default false
   */
  secretBody?: boolean | undefined;
}

/**
 * Reads one record, `{ data: record }`. A record that breaks `schema` is returned as received and
 * marked (check with `invalidRecordOf`), or throws `ValidationError` under `strict`.
 *
 * @example
 * const order = await getRecord(client, { template: '/api/erp/purchase-orders/{key}', params: { key } }, PurchaseOrder);
 */
export function getRecord<Item>(
  client: MakiniClient,
  operationPath: OperationPath,
  schema: z.ZodType<Item>,
  options: RecordOptions = {},
): Promise<Item> {
  let path: string;
  try {
    path = resolvePath('GET', operationPath);
  } catch (error) {
    return Promise.reject(error);
  }
  return requestItem(client, 'GET', path, templateOf(operationPath), undefined, schema, options);
}
