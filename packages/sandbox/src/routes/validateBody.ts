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

/**
 * Checks a write body against the operation's generated request schema (`SCHEMAS[body]`) and the
 * overlaid spec's formats; the 422 names the first field (by path) and what it must hold. Fields
 * the schema does not name pass (custom fields).
 *
 * @example validateBody({ totalNetValue: {} }, 'PurchaseOrderInput'); // throws 422 naming totalNetValue
 */
export function validateBody(
  body: unknown,
  schemaName: string | undefined,
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('body', 'must be a JSON object');
  }
  const schema = schemaName ? schemaNamed(schemaName) : undefined;
  if (!schema || !schemaName) return body as Record<string, unknown>;
  const result = schema.safeParse(body);
  const issue = result.error?.issues[0];
  if (issue) {
    const path = issue?.path ?? [];
    const name = path.map(String).join('.') || 'body';
    const field = fieldAt(schemaName, path);
    const zodType = issue && 'expected' in issue ? String(issue.expected) : undefined;
    const received = path.reduce<unknown>(
      (value, step) => (value as Record<PropertyKey, unknown> | undefined)?.[step],
      body,
    );
    throw invalid(name, received === undefined ? 'is required' : expectedOf(field, zodType));
  }
  const format = formatIssue(schemaName, body as Record<string, unknown>);
  if (format) throw invalid(format.path, format.problem);
  return body as Record<string, unknown>;
}

export { invalid as invalidField };
