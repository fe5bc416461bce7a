import type * as z from 'zod';
import { PageTooLargeError } from '../../errors/PageTooLargeError.js';
import type { ParseContext } from '../RequestInput.js';
import { redactBody } from '../redactBody.js';
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
  /**
   * The most records a page may hold: the `perPage` asked for, else `MAX_PAGE_RECORDS`.
   * @default MAX_PAGE_RECORDS
   */
  maxRecords?: number | undefined;
  /** The records hold secrets: an invalid record keeps a copy of `raw` with them redacted. */
  secretBody?: boolean | undefined;
}

/**
 * The most records a page may hold when no `perPage` was asked for. Makini pages hold at most a
 * few hundred; a page far past that is a broken or hostile server, and parsing it would cost
 * far more memory than its bytes (each record set aside keeps its issues).
 */
export const MAX_PAGE_RECORDS = 10_000;

/**
 * Records set aside per page that are kept in `page.invalidRecords`, with their raw JSON and
 * issues. The rest are counted in `page.invalidRecordCount` (exact) and reported to the hooks in
 * one event with `droppedCount`, not kept.
 */
export const MAX_KEPT_INVALID_RECORDS = 100;

export function issuesOf(error: z.ZodError): RecordIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Tells the client's hook and the call's; neither can fail the call. */
/** What an invalid record keeps of its JSON: all of it, or a copy without secrets for `secretBody` calls. */
export function keptRaw(raw: unknown, parsing: RecordParsing): unknown {
  return parsing.secretBody ? redactBody(raw, { secrets: [], secretBody: true }) : raw;
}

export function reportInvalid(
  record: InvalidRecord,
  context: ParseContext,
  parsing: RecordParsing,
  droppedCount?: number,
) {
  const event: InvalidRecordEvent = {
    record,
    operation: parsing.operation,
    method: context.method,
    path: context.path,
    requestId: context.requestId,
    ...(droppedCount === undefined ? {} : { droppedCount }),
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
): { data: Item[]; invalidRecords: InvalidRecord[]; invalidRecordCount: number } {
  const cap = parsing.maxRecords ?? MAX_PAGE_RECORDS;
  if (records.length > cap) {
    const asked =
      parsing.maxRecords === undefined
        ? `${cap}, the most a page may hold when no perPage is asked for`
        : `the ${cap} asked for (perPage)`;
    throw new PageTooLargeError(
      `${context.method} ${context.path}: the page holds ${records.length} records, more than ${asked}, so none was read. The server is not paging as asked; ask for a smaller perPage, or report it.`,
      {
        method: context.method,
        path: context.path,
        requestId: context.requestId,
        count: records.length,
        cap,
      },
    );
  }
  const data: Item[] = [];
  const invalidRecords: InvalidRecord[] = [];
  let invalidRecordCount = 0;
  let firstDropped = -1;
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
    invalidRecordCount++;
    if (invalidRecords.length >= MAX_KEPT_INVALID_RECORDS) {
      if (firstDropped < 0) firstDropped = index;
      continue;
    }
    const record: InvalidRecord = { index, raw: keptRaw(raw, parsing), issues };
    invalidRecords.push(record);
    reportInvalid(record, context, parsing);
  }
  const dropped = invalidRecordCount - invalidRecords.length;
  if (dropped > 0) {
    // Said once, so a hook that counts records sees every one, kept or not.
    const message = `${dropped} more records from index ${firstDropped} broke their schema and were not kept (the first ${MAX_KEPT_INVALID_RECORDS} of a page are kept in page.invalidRecords; page.invalidRecordCount counts all)`;
    reportInvalid(
      { index: firstDropped, raw: undefined, issues: [{ path: '', message }] },
      context,
      parsing,
      dropped,
    );
  }
  return { data, invalidRecords, invalidRecordCount };
}
