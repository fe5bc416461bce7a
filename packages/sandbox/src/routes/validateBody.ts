import { ApiError } from '../http/ApiError.js';
import { classifyField } from '../spec/FieldModel.js';
import type { SpecSchema } from '../spec/specDocuments.js';

const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

const invalid = (field: string, problem: string) =>
  new ApiError(422, 'VALIDATION_ERROR', `${field} ${problem}.`, { fields: { [field]: [problem] } });

/** Why a value does not fit a field, or undefined when it fits. */
function problemOf(name: string, schema: SpecSchema, value: unknown): string | undefined {
  if (value === null) return undefined;
  const { kind } = classifyField(name, schema);
  switch (kind) {
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return undefined;
      return typeof value === 'string' && DECIMAL_TEXT.test(value.trim())
        ? undefined
        : 'must be a decimal, as a string such as "12.50"';
    case 'integer':
      return Number.isInteger(value) ? undefined : 'must be a whole number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'array':
    case 'refs':
      return Array.isArray(value) ? undefined : 'must be a list';
    case 'object':
    case 'any':
      return typeof value === 'object' ? undefined : 'must be an object';
    case 'date':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? undefined
        : 'must be an ISO 8601 date-time such as "2024-05-01T08:00:00Z"';
    default:
      return typeof value === 'string' ? undefined : 'must be a string';
  }
}

/**
 * Checks a write body against the operation's request schema in the spec; the 422 names the
 * first field that does not fit. Fields the schema does not name pass (custom fields).
 */
export function validateBody(
  body: unknown,
  schema: SpecSchema | undefined,
): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('body', 'must be a JSON object');
  }
  const record = body as Record<string, unknown>;
  for (const [name, property] of Object.entries(schema?.properties ?? {})) {
    if (!(name in record)) continue;
    const problem = problemOf(name, property, record[name]);
    if (problem) throw invalid(name, problem);
  }
  for (const name of schema?.required ?? []) {
    if (record[name] === undefined) throw invalid(name, 'is required');
  }
  return record;
}

export { invalid as invalidField };
