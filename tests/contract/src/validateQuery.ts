import type { SpecValidator } from './SpecValidator.js';
import { ajvViolations } from './SpecValidator.js';
import type { SpecOperation, SpecParameter } from './specOperations.js';
import type { Violation } from './Violation.js';

/** The operators Makini's list descriptions name (`lted` as the spec spells it; `lteq` its symmetric form). */
export const FILTER_OPERATORS = ['contains', 'startsWith', 'gt', 'gteq', 'lt', 'lteq', 'lted'];

type Json = Record<string, unknown>;

/** The record fields of a list's `data` items, or `undefined` when the record is open. */
export function recordFields(
  validator: SpecValidator,
  operation: SpecOperation,
): Set<string> | undefined {
  const page = operation.responses['200'] as Json | null | undefined;
  const items = ((page?.properties as Json | undefined)?.data as Json | undefined)?.items as
    | Json
    | undefined;
  const ref = items?.$ref;
  if (typeof ref !== 'string') return undefined;
  const name = ref.replace('#/components/schemas/', '');
  const schema = validator.ajv.getSchema(`${operation.spec}#/definitions/${name}`)?.schema as
    | Json
    | undefined;
  const properties = schema?.properties as Json | undefined;
  if (!properties || schema?.additionalProperties === true) return undefined;
  return new Set(Object.keys(properties));
}

function coerce(parameter: SpecParameter, value: string): unknown {
  const type = (parameter.schema as Json).type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value))
    return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/**
 * Violations of a request's query string: every parameter must be declared; `style: deepObject`
 * ones arrive as `name[prop]=…` and the rest as `name=…` once; each value fits its schema; a
 * required one is present; `filter[...]` keys are `field` or `field:operator` with a known operator
 * and `filter`/`sort` fields are fields of the listed record (when the record is closed).
 *
 * @example
 * validateQuery(validator, operation, new URLSearchParams('filter[orderNo:between]=1'));
 */
export function validateQuery(
  validator: SpecValidator,
  operation: SpecOperation,
  search: URLSearchParams,
  platform?: string,
): Violation[] {
  const base = { operation: operation.id, platform, location: 'query' as const };
  const violations: Violation[] = [];
  const declared = new Map(
    operation.parameters.filter((p) => p.in === 'query').map((p) => [p.name, p]),
  );
  const values = new Map<string, unknown>();
  for (const [key, value] of search) {
    const deep = /^([^[\]]+)\[([^[\]]*)\]$/.exec(key);
    const name = deep?.[1] ?? key;
    const parameter = declared.get(name);
    if (!parameter) {
      violations.push({
        ...base,
        pointer: `/${key}`,
        value,
        message: 'is not a parameter the spec declares',
      });
      continue;
    }
    if (parameter.style === 'deepObject') {
      if (!deep) {
        violations.push({
          ...base,
          pointer: `/${key}`,
          value,
          message: `must be sent as ${name}[field]=value (style: deepObject)`,
        });
        continue;
      }
      const object = (values.get(name) ?? {}) as Json;
      const property = deep[2] ?? '';
      if (property in object) {
        violations.push({
          ...base,
          pointer: `/${name}/${property}`,
          value,
          message: 'is sent twice',
        });
      }
      object[property] = value;
      values.set(name, object);
      continue;
    }
    if (deep) {
      violations.push({
        ...base,
        pointer: `/${key}`,
        value,
        message: `${name} is not a deepObject parameter`,
      });
      continue;
    }
    if (values.has(name)) {
      violations.push({ ...base, pointer: `/${name}`, value, message: 'is sent twice' });
      continue;
    }
    values.set(name, coerce(parameter, value));
  }
  for (const parameter of declared.values()) {
    const value = values.get(parameter.name);
    if (value === undefined) {
      if (parameter.required)
        violations.push({ ...base, pointer: `/${parameter.name}`, value, message: 'is required' });
      continue;
    }
    const validate = validator.compile(
      `${operation.id} query ${parameter.name}`,
      parameter.schema,
      operation.spec,
    );
    if (!validate(value))
      violations.push(...ajvViolations(validate.errors, value, base, `/${parameter.name}`));
  }
  const fields = recordFields(validator, operation);
  for (const [key, value] of Object.entries((values.get('filter') ?? {}) as Json)) {
    const [field = '', operator, ...rest] = key.split(':');
    if (
      field === '' ||
      rest.length > 0 ||
      (operator !== undefined && !FILTER_OPERATORS.includes(operator))
    ) {
      violations.push({
        ...base,
        pointer: `/filter/${key}`,
        value,
        message: `must be filter[field] or filter[field:op] with op one of ${FILTER_OPERATORS.join(', ')}`,
      });
    } else if (fields && !fields.has(field)) {
      violations.push({
        ...base,
        pointer: `/filter/${key}`,
        value,
        message: `${field} is not a field of the listed record`,
      });
    }
  }
  for (const [field, value] of Object.entries((values.get('sort') ?? {}) as Json)) {
    if (field === '' || (fields && !fields.has(field)))
      violations.push({
        ...base,
        pointer: `/sort/${field}`,
        value,
        message: `${field} is not a field of the listed record`,
      });
  }
  return violations;
}
