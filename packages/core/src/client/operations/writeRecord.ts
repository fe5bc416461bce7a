import type * as z from 'zod';
import type { MakiniClient } from '../MakiniClient.js';
import type { RecordOptions } from './getRecord.js';
import { type OperationPath, resolvePath } from './pathKey.js';
import { requestItem } from './requestItem.js';
import { templateOf } from './templateOf.js';

/** Options of a write (`create`, `update`, `updateStatus`, …). */
export interface WriteOptions extends RecordOptions {
  /**
   * Sent as `Idempotency-Key`: the server applies the write once however often it arrives, so
   * the client retries it after a 5xx, a 429 or a dropped connection, always with this key.
   * Without one a write is sent once and never retried. Use a fresh key per intended write (a
   * UUID) and the same key when retrying that write yourself.
   */
  idempotencyKey?: string | undefined;
}

/**
 * Sends `body` as JSON and reads the record written, `{ data: record }`. Retried only with an
 * `idempotencyKey`. The record answered is parsed like `getRecord`'s: a write that succeeded is
 * not reported as failed because its answer breaks the schema, unless `strict`.
 *
 * @example
 * const order = await writeRecord(client, 'POST', '/api/erp/purchase-orders', { vendorKey: 'V1' },
 *   PurchaseOrder, { idempotencyKey: crypto.randomUUID() });
 */
export function writeRecord<Item>(
  client: MakiniClient,
  method: 'POST' | 'PUT',
  operationPath: OperationPath,
  body: unknown,
  schema: z.ZodType<Item>,
  options: WriteOptions = {},
): Promise<Item> {
  let path: string;
  try {
    path = resolvePath(method, operationPath);
  } catch (error) {
    return Promise.reject(error);
  }
  return requestItem(client, method, path, templateOf(operationPath), body, schema, options);
}
