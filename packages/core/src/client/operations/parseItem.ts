import type * as z from 'zod';
import type { ParseContext } from '../RequestInput.js';
import { NO_MATCH } from './compileParser.js';
import { fastParser } from './fastParser.js';
import type { InvalidRecord } from './InvalidRecord.js';
import { markInvalid } from './invalidRecordOf.js';
import { issuesOf, keptRaw, type RecordParsing, reportInvalid } from './parseRecords.js';

/**
 * Parses `{ data: record }`. A record that breaks `schema` throws under `strict`; otherwise it is
 * reported and returned as received, marked (see `invalidRecordOf`). A `data` that is not an
 * object at all leaves nothing to return, so it throws either way.
 */
export function parseItem<Item>(
  json: unknown,
  schema: z.ZodType<Item>,
  context: ParseContext,
  parsing: RecordParsing,
): Item {
  if (typeof json !== 'object' || json === null || !('data' in json)) {
    throw context.validationError('data', 'expected an object { data: record }');
  }
  const raw = (json as { data: unknown }).data;
  const fast = fastParser(schema);
  const parsed = fast ? fast(raw) : NO_MATCH;
  if (parsed !== NO_MATCH) return parsed as Item;
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const issues = issuesOf(result.error);
  const first = issues[0];
  const where = first?.path ? `data.${first.path}` : 'data';
  if (parsing.strict || typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw context.validationError(where, first?.message ?? 'invalid', result.error);
  }
  // The caller gets the record it asked for; what hooks and the mark keep holds no secret.
  const record: InvalidRecord = { index: 0, raw: keptRaw(raw, parsing), issues };
  reportInvalid(record, context, parsing);
  return markInvalid(raw, record) as Item;
}
