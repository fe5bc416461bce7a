import { type FieldModel, fieldsOf } from './FieldModel.js';

const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;
const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** What a field of each kind must hold, as the 422 says it. */
export const EXPECTED: Readonly<Record<string, string>> = {
  decimal: 'must be a decimal, as a string such as "12.50"',
  date: 'must be an ISO 8601 date-time such as "2024-05-01T08:00:00Z"',
  boolean: 'must be true or false',
  integer: 'must be a whole number',
  array: 'must be a list',
  refs: 'must be a list of keys',
  object: 'must be an object',
  any: 'must be an object',
};
/**
 * What the generated schemas leave to the reader: a decimal is any string to the tolerant client,
 * but a write must send one that is a number; the same for date-times and booleans.
 */
function formatProblem(field: FieldModel, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  switch (field.kind) {
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return undefined;
      return typeof value === 'string' && DECIMAL_TEXT.test(value.trim())
        ? undefined
        : EXPECTED.decimal;
    case 'date':
      return typeof value === 'string' && ISO_8601.test(value.trim()) ? undefined : EXPECTED.date;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : EXPECTED.boolean;
    default:
      return undefined;
  }
}

/**
 * The first field of a record whose value breaks the overlaid spec's format for it (decimal,
 * date-time, boolean), nested records included, as its path and what it must hold.
 *
 * @example formatIssue('Invoice', { totalNetValue: 'ten' }); // { path: 'totalNetValue', … }
 */
export function formatIssue(
  schema: string,
  record: Record<string, unknown>,
  path = '',
): { path: string; problem: string } | undefined {
  for (const field of fieldsOf(schema)) {
    const value = record[field.name];
    const at = `${path}${field.name}`;
    const problem = formatProblem(field, value);
    if (problem) return { path: at, problem };
    if (!field.schema || value === null || typeof value !== 'object') continue;
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
      const prefix = Array.isArray(value) ? `${at}.${index}.` : `${at}.`;
      const nested = formatIssue(field.schema, item as Record<string, unknown>, prefix);
      if (nested) return nested;
    }
  }
  return undefined;
}
