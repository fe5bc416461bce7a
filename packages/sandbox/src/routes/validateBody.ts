import { ApiError } from '../http/ApiError.js';
import { type FieldModel, fieldsOf, schemaNamed } from '../spec/FieldModel.js';
import { EXPECTED, formatIssue } from '../spec/formatIssue.js';

const invalid = (field: string, problem: string) =>
  new ApiError(422, 'VALIDATION_ERROR', `${field} ${problem}.`, { fields: { [field]: [problem] } });

const expectedOf = (field: FieldModel | undefined, zodType?: string) =>
  (field && EXPECTED[field.kind]) ??
  (zodType && zodType !== 'string' ? `must be ${zodType}` : 'must be a string');

/** The field at a path of a schema (`lineItems.0.quantity` → the `POLineItem` field). */
function fieldAt(schema: string, path: readonly PropertyKey[]): FieldModel | undefined {
  let fields = fieldsOf(schema);
  let found: FieldModel | undefined;
  for (const step of path) {
    if (typeof step === 'number') continue;
    found = fields.find((field) => field.name === step);
    fields = found?.schema ? fieldsOf(found.schema) : [];
  }
  return found;
}

const kindOf = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'a list' : `a ${typeof value}`;

/** Refuses the fields a request schema does not name, listing the ones it does. */
function refuseUnknownFields(body: Record<string, unknown>, schemaName: string) {
  const known = fieldsOf(schemaName).map((field) => field.name);
  const unknown = Object.keys(body).filter((name) => !known.includes(name));
  if (unknown.length === 0) return;
  const problem = `is not a field of ${schemaName}; the fields it takes: ${known.join(', ')}`;
  throw new ApiError(
    422,
    'VALIDATION_ERROR',
    `${unknown.join(', ')} ${problem}. Remove ${unknown.length === 1 ? 'it' : 'them'} from the body.`,
    { fields: Object.fromEntries(unknown.map((name) => [name, [problem]])) },
  );
}

/**
 * The first issue of a value against a generated schema and the overlaid spec's formats, as the
 * field's path and what it must hold; undefined when the value fits.
 */
export function schemaIssue(
  value: Record<string, unknown>,
  schemaName: string,
): { path: string; problem: string } | undefined {
  const schema = schemaNamed(schemaName);
  const issue = schema?.safeParse(value).error?.issues[0];
  if (issue) {
    const path = issue.path ?? [];
    const field = fieldAt(schemaName, path);
    const zodType = 'expected' in issue ? String(issue.expected) : undefined;
    const received = path.reduce<unknown>(
      (at, step) => (at as Record<PropertyKey, unknown> | undefined)?.[step],
      value,
    );
    return {
      path: path.map(String).join('.') || 'body',
      problem: received === undefined ? 'is required' : expectedOf(field, zodType),
    };
  }
  return formatIssue(schemaName, value);
}

/**
 * Checks a write body against the operation's generated request schema (`SCHEMAS[body]`) and the
 * overlaid spec's formats; the 422 names the first field (by path) and what it must hold. A field
 * the schema does not name is refused too, unless `strict` is false (then it is kept as a custom
 * field).
 *
 * @example validateBody({ totalNetValue: {} }, 'PurchaseOrderInput'); // throws 422 naming totalNetValue
 */
export function validateBody(
  body: unknown,
  schemaName: string | undefined,
  options: { strict?: boolean } = {},
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const problem = `must be a JSON object, not ${kindOf(body)}`;
    throw new ApiError(422, 'VALIDATION_ERROR', `The body ${problem}.`, {
      fields: { body: [problem] },
    });
  }
  const record = body as Record<string, unknown>;
  if (!schemaName || !schemaNamed(schemaName)) return record;
  if (options.strict !== false) refuseUnknownFields(record, schemaName);
  const found = schemaIssue(record, schemaName);
  if (found) throw invalid(found.path, found.problem);
  return record;
}

/**
 * Checks the record a write would store against its resource's generated record schema, as a
 * strict client reads it: a write is refused rather than stored when the result would not read.
 *
 * @example validateRecord({ key: '1', lineItems: [null] }, 'PurchaseOrder'); // throws 422 naming lineItems.0
 */
export function validateRecord(record: Record<string, unknown>, schemaName: string): void {
  const found = schemaIssue(record, schemaName);
  if (found) {
    throw invalid(
      found.path,
      `${found.problem} in the stored ${schemaName} record; nothing was stored`,
    );
  }
}

export { invalid as invalidField };
