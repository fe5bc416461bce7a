import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { createAjv } from './createAjv.js';
import type { ContractSpecs, SpecOperation } from './specOperations.js';
import { toJsonSchema } from './toJsonSchema.js';
import type { Violation, ViolationLocation } from './Violation.js';
import { validateQuery } from './validateQuery.js';

/** A request as the client sent it. */
export interface SentRequest {
  readonly method: string;
  /** The URL's pathname, relative to the server's root. */
  readonly pathname: string;
  readonly search: URLSearchParams;
  readonly contentType: string | null;
  /** The body text, `undefined` when none was sent. */
  readonly body: string | undefined;
}

/** A response as the server sent it. */
export interface ReceivedResponse {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
}

/** The value at a JSON pointer of `data` (`undefined` when there is none). */
export function valueAt(data: unknown, pointer: string): unknown {
  let current = data;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

const escapePointer = (segment: string) => segment.replaceAll('~', '~0').replaceAll('/', '~1');

/** ajv's errors as violations: pointer to the offending value (a missing property named). */
export function ajvViolations(
  errors: readonly ErrorObject[] | null | undefined,
  data: unknown,
  base: { operation: string; platform?: string | undefined; location: ViolationLocation },
  prefix = '',
): Violation[] {
  const violations: Violation[] = [];
  for (const error of errors ?? []) {
    // anyOf/oneOf restate their branches' errors; the branches already say what is wrong.
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    // The `{ type: 'null' }` branch of a nullable embed (toJsonSchema) only restates "or null".
    if (error.keyword === 'type' && error.params.type === 'null') continue;
    let pointer = error.instancePath;
    let message = error.message ?? error.keyword;
    if (error.keyword === 'required') {
      pointer += `/${escapePointer(String(error.params.missingProperty))}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      pointer += `/${escapePointer(String(error.params.additionalProperty))}`;
      message = 'is not a property the spec names';
    }
    const value = error.keyword === 'required' ? undefined : valueAt(data, pointer);
    violations.push({ ...base, pointer: prefix + pointer, value, message });
  }
  return violations;
}

function pathPattern(template: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const match = /^\{([^}]+)\}$/.exec(part);
      if (!match?.[1]) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(match[1]);
      return '([^/]*)';
    })
    .join('');
  return { regex: new RegExp(`^${source}$`), names };
}

/**
 * Checks requests and responses of named operations against the overlaid specs with ajv:
 * path and query parameters (deepObject `filter[...]`/`sort[...]`, `page`, `per_page`, undeclared
 * ones), the request body, the response status and the response body for that status.
 *
 * @example
 * const validator = new SpecValidator(loadContractSpecs());
 * validator.checkResponse('purchaseOrders.list', { status: 200, contentType: 'application/json', body }, 'SAP');
 */
export class SpecValidator {
  readonly ajv: Ajv;
  readonly #specs: ContractSpecs;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(specs: ContractSpecs) {
    this.#specs = specs;
    this.ajv = createAjv(specs.documents);
  }

  /** The operation named `id`; throws for one the spec does not have. */
  operation(id: string): SpecOperation {
    const operation = this.#specs.operations.get(id);
    if (!operation) throw new Error(`the overlaid spec has no operation ${id}`);
    return operation;
  }

  /** A compiled validator of an OpenAPI schema of `spec`, cached by `cacheKey`. */
  compile(cacheKey: string, schema: unknown, spec: SpecOperation['spec']): ValidateFunction {
    let validate = this.#compiled.get(cacheKey);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(schema, spec) as object);
      this.#compiled.set(cacheKey, validate);
    }
    return validate;
  }

  /** Violations of one request the client sent for operation `id`. */
  checkRequest(id: string, request: SentRequest, platform?: string): Violation[] {
    const operation = this.operation(id);
    const base = { operation: id, platform };
    const violations: Violation[] = [];
    if (request.method !== operation.method) {
      violations.push({
        ...base,
        location: 'path',
        pointer: '',
        value: request.method,
        message: `method must be ${operation.method}`,
      });
    }
    const { regex, names } = pathPattern(operation.path);
    const match = regex.exec(request.pathname);
    if (!match) {
      violations.push({
        ...base,
        location: 'path',
        pointer: '',
        value: request.pathname,
        message: `must match ${operation.path}`,
      });
    } else {
      names.forEach((name, index) => {
        const raw = match[index + 1] ?? '';
        const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
        if (!parameter) {
          violations.push({
            ...base,
            location: 'path',
            pointer: `/${name}`,
            value: raw,
            message: 'is not declared',
          });
          return;
        }
        let value: string;
        try {
          value = decodeURIComponent(raw);
        } catch {
          violations.push({
            ...base,
            location: 'path',
            pointer: `/${name}`,
            value: raw,
            message: 'is not percent-encoded UTF-8',
          });
          return;
        }
        if (value === '' && parameter.required) {
          violations.push({
            ...base,
            location: 'path',
            pointer: `/${name}`,
            value,
            message: 'is required',
          });
        }
        const validate = this.compile(`${id} path ${name}`, parameter.schema, operation.spec);
        if (!validate(value))
          violations.push(
            ...ajvViolations(validate.errors, value, { ...base, location: 'path' }, `/${name}`),
          );
      });
    }
    violations.push(...validateQuery(this, operation, request.search, platform));
    violations.push(...this.#checkRequestBody(operation, request, platform));
    return violations;
  }

  #checkRequestBody(
    operation: SpecOperation,
    request: SentRequest,
    platform?: string,
  ): Violation[] {
    const base = { operation: operation.id, platform, location: 'request body' as const };
    const declared = operation.requestBody;
    if (request.body === undefined || request.body === '') {
      return declared?.required
        ? [{ ...base, pointer: '', value: undefined, message: 'the spec requires a body' }]
        : [];
    }
    if (!declared || declared.schema === null) {
      return [
        { ...base, pointer: '', value: request.body, message: 'the spec declares no JSON body' },
      ];
    }
    if (!request.contentType?.includes('application/json')) {
      return [
        {
          ...base,
          pointer: '',
          value: request.contentType,
          message: 'content-type must be application/json',
        },
      ];
    }
    let body: unknown;
    try {
      body = JSON.parse(request.body);
    } catch {
      return [{ ...base, pointer: '', value: request.body, message: 'is not JSON' }];
    }
    let validate: ValidateFunction;
    try {
      validate = this.compile(`${operation.id} body`, declared.schema, operation.spec);
    } catch (error) {
      // The spec's own schema is no JSON Schema (upstream `properties: []`): nothing can conform.
      return [
        {
          ...base,
          pointer: '',
          value: declared.schema,
          message: `the spec's request schema is invalid: ${(error as Error).message}`,
        },
      ];
    }
    return validate(body) ? [] : ajvViolations(validate.errors, body, base);
  }

  /** Violations of one response the server sent for operation `id`. */
  checkResponse(id: string, response: ReceivedResponse, platform?: string): Violation[] {
    const operation = this.operation(id);
    const status = String(response.status);
    const key = [status, `${status[0]}XX`, 'default'].find((k) => k in operation.responses);
    if (key === undefined) {
      return [
        {
          operation: id,
          platform,
          location: 'response status',
          pointer: '',
          value: response.status,
          message: `is not declared (declared: ${Object.keys(operation.responses).join(', ')})`,
        },
      ];
    }
    const schema = operation.responses[key];
    const base = { operation: id, platform, location: 'response body' as const };
    if (schema === null) {
      return response.body === ''
        ? []
        : [
            {
              ...base,
              pointer: '',
              value: response.body,
              message: `status ${status} declares no JSON body`,
            },
          ];
    }
    if (!response.contentType?.includes('application/json')) {
      return [
        {
          ...base,
          pointer: '',
          value: response.contentType,
          message: 'content-type must be application/json',
        },
      ];
    }
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      return [{ ...base, pointer: '', value: response.body.slice(0, 200), message: 'is not JSON' }];
    }
    const validate = this.compile(`${id} ${key}`, schema, operation.spec);
    return validate(body) ? [] : ajvViolations(validate.errors, body, base);
  }
}
