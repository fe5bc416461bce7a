import type * as z from 'zod';
import type { MakiniClient } from '../MakiniClient.js';
import type { RecordOptions } from './getRecord.js';
import { parseRecords } from './parseRecords.js';
import { type OperationPath, resolvePath } from './pathKey.js';
import { requestOptions } from './requestOptions.js';
import { templateOf } from './templateOf.js';

/**
 * Reads a list that is not paged, `{ data: [record, …] }` (`raw.tables.list`): the records that
 * match `schema`, each parsed on its own. A record that breaks it is reported to `onInvalidRecord`
 * and the client's `hooks.onInvalidRecord` (with its raw JSON) and left out of the array, or
 * throws `ValidationError` under `strict`.
 *
 * @example
 * const tables = await getRecords(client, '/api/raw/tables', RawTable);
 */
export function getRecords<Item>(
  client: MakiniClient,
  operationPath: OperationPath,
  schema: z.ZodType<Item>,
  options: RecordOptions = {},
): Promise<Item[]> {
  let path: string;
  try {
    path = resolvePath('GET', operationPath);
  } catch (error) {
    return Promise.reject(error);
  }
  const operation = `GET ${path}`;
  return client.request({
    method: 'GET',
    path,
    template: templateOf(operationPath),
    parse: (json, context) => {
      const data = (json as { data?: unknown } | null)?.data;
      if (!Array.isArray(data)) throw context.validationError('data', 'expected { data: [] }');
      return parseRecords(data, schema, context, {
        strict: options.strict ?? context.strict,
        operation,
        onInvalidRecord: options.onInvalidRecord,
        secretBody: options.secretBody,
      }).data;
    },
    secretBody: options.secretBody,
    ...requestOptions(options),
  }) as Promise<Item[]>;
}
