import type * as z from 'zod';
import type { ParseContext } from '../RequestInput.js';
import { NO_MATCH } from './compileParser.js';
import { fastParser } from './fastParser.js';
import type { InvalidRecord, InvalidRecordEvent, RecordIssue } from './InvalidRecord.js';

/** How the records of one response are parsed and who is told about a bad one. */
export interface RecordParsing {
  strict: boolean;
  /** The operation in hook events, e.g. `GET /api/erp/purchase-orders`. */
  operation: string;
  /** The call's own hook, besides the client's. */
  onInvalidRecord?: ((event: InvalidRecordEvent) => void) | undefined;
  /** The records hold secrets: an invalid record keeps a copy of `raw` with them redacted. */
  secretBody?: boolean | undefined;
}

export function issuesOf(error: z.ZodError): RecordIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Tells the client's hook and the call's; neither can fail the call. */
export function reportInvalid(
  record: InvalidRecord,
  context: ParseContext,
  parsing: RecordParsing,
) {
  const event: InvalidRecordEvent = {
    record,
    operation: parsing.operation,
    method: context.method,
    path: context.path,
    requestId: context.requestId,
  };
  context.reportInvalidRecord(event);
  try {
    parsing.onInvalidRecord?.(event);
  } catch {
    // A listener's failure must never fail the page it observes.
  }
}

/**
 * Parses each record on its own (through the compiled fast path, then zod for a record that
 * path does not accept): a record that breaks `schema` is set aside with its raw JSON and
 * issues (or, under `strict`, fails the call as a `ValidationError` at `data.<index>.<path>`).
 */
export function parseRecords<Item>(
  records: readonly unknown[],
  schema: z.ZodType<Item>,
  context: ParseContext,
  parsing: RecordParsing,
): { data: Item[]; invalidRecords: InvalidRecord[] } {
  const data: Item[] = [];
  const invalidRecords: InvalidRecord[] = [];
  const fast = fastParser(schema);
  for (let index = 0; index < records.length; index++) {
    const raw = records[index];
    const parsed = fast ? fast(raw) : NO_MATCH;
    if (parsed !== NO_MATCH) {
      data.push(parsed as Item);
      continue;
    }
    // zod has the last word, and the issues.
    const result = schema.safeParse(raw);
    if (result.success) {
      data.push(result.data);
      continue;
    }
    const issues = issuesOf(result.error);
    if (parsing.strict) {
      const first = issues[0];
      throw context.validationError(
        first?.path ? `data.${index}.${first.path}` : `data.${index}`,
        `${first?.message ?? 'invalid'} (strict: true; without it the record is set aside in page.invalidRecords)`,
        result.error,
      );
    }
    const record: InvalidRecord = { index, raw, issues };
    invalidRecords.push(record);
    reportInvalid(record, context, parsing);
  }
  return { data, invalidRecords };
}
