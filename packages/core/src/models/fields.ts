/**
 * Field builders shared by the models.
 *
 * Real ERP data is messier than any spec (Makini's own examples carry `"quantity": "string"` and
 * `"isActive": "true"`), so a field keeps whatever raw value of the right JSON type arrived, and the
 * parsing helpers (`parseDecimal`, `parseFlag`, `parseTimestamp`) say whether it means anything.
 * Only a value of the wrong JSON type (an object where a string belongs) fails a parse.
 */
import * as z from 'zod';

/** An optional text field: a string, `null` or absent. */
export const text = () => z.string().nullish();

/** A `*Key` reference or record key. */
export const key = () => z.string().min(1, 'must be a non-empty key');

/**
 * A money or quantity field. Strings are kept exactly as sent; a JSON number (some systems send
 * them) is converted to its decimal string so every consumer sees one type.
 */
export const decimal = () =>
  z
    .union([z.string(), z.number()], {
      error: 'must be a decimal, as a string such as "12.50" (or a JSON number)',
    })
    .transform((value) => (typeof value === 'number' ? String(value) : value))
    .nullish();

/** A yes/no field that systems send as a boolean or as text (`"true"`, `"X"`, `"1"`). */
export const flag = () =>
  z
    .union([z.boolean(), z.string()], {
      error: 'must be a yes/no flag: a boolean or text such as "true" or "X"',
    })
    .nullish();

/** An ISO 8601 timestamp, kept as sent; read it with `parseTimestamp`. */
export const timestamp = () => z.string().nullish();

/** Text values that mean "yes" and "no" across the systems Makini connects. */
const TRUE_TEXT = new Set(['true', '1', 'yes', 'y', 'x', 'on']);
const FALSE_TEXT = new Set(['false', '0', 'no', 'n', '', 'off']);

/**
 * Reads a `flag()` field: `true`, `false`, or `undefined` when the value means neither.
 *
 * @example parseFlag('X'); // true (SAP's checkbox value)
 */
export function parseFlag(value: boolean | string | null | undefined): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const normalized = value.trim().toLowerCase();
  if (TRUE_TEXT.has(normalized)) return true;
  if (FALSE_TEXT.has(normalized)) return false;
  return undefined;
}

const ISO_8601 =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Reads a `timestamp()` field as a `Date`, or `undefined` when it is not ISO 8601.
 *
 * @example parseTimestamp('2023-10-06T08:17:33Z')?.toISOString();
 */
export function parseTimestamp(value: string | null | undefined): Date | undefined {
  if (typeof value !== 'string' || !ISO_8601.test(value.trim())) return undefined;
  const date = new Date(value.trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * A list of strings, sent as a JSON array or (as in Makini's own examples, `"tags": "[]"`) as a
 * string holding a JSON array or a comma-separated list; every form becomes a `string[]`.
 */
export const stringList = () =>
  z
    .union([z.array(z.string()), z.string()])
    .transform((value, context) => {
      if (Array.isArray(value)) return value;
      const trimmed = value.trim();
      if (!trimmed.startsWith('[')) {
        return trimmed === '' ? [] : trimmed.split(',').map((item) => item.trim());
      }
      try {
        const decoded: unknown = JSON.parse(trimmed);
        if (Array.isArray(decoded) && decoded.every((item) => typeof item === 'string')) {
          return decoded as string[];
        }
      } catch {}
      context.addIssue({ code: 'custom', message: 'must be a list of strings', input: value });
      return z.NEVER;
    })
    .nullish();

/** An id some systems send as a number and others as a string; always read as a string. */
export const recordId = () => z.union([z.string().min(1), z.number()]).transform(String);

/**
 * The type of a model's `*Fields` object (`PurchaseOrderFields`): a loose zod object with one
 * schema per field name. Kept this short so the published declarations stay readable.
 */
export type LooseFields<Name extends string> = z.ZodObject<
  { [Field in Name]: z.ZodType },
  z.core.$loose
>;
