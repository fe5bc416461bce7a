import type * as z from 'zod';
import type { MakiniClient } from '../MakiniClient.js';
import type { RecordOptions } from './getRecord.js';
import { parseItem } from './parseItem.js';
import { requestOptions } from './requestOptions.js';

/**
 * Sends one call whose answer is `{ data: record }` and parses the record the tolerant way: the
 * shared body of `getRecord` and `writeRecord`, once their path (and key) are known to be sound.
 */
export function requestItem<Item>(
  client: MakiniClient,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  template: string | undefined,
  body: unknown,
  schema: z.ZodType<Item>,
  options: RecordOptions,
): Promise<Item> {
  const operation = `${method} ${path}`;
  return client.request({
    method,
    path,
    template,
    body,
    parse: (json, context) =>
      parseItem(json, schema, context, {
        strict: options.strict ?? context.strict,
        operation,
        onInvalidRecord: options.onInvalidRecord,
        secretBody: options.secretBody,
      }),
    secretBody: options.secretBody,
    ...requestOptions(options),
  }) as Promise<Item>;
}
