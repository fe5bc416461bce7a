// The operations of the overlaid specs, by operationId, with everything the validator needs.
import {
  loadOverlaidSpecs,
  type OpenAPIDocument,
} from '../../../tooling/openapi/loadOverlaidSpecs.js';

export type SpecName = 'system' | 'erp';

/** One operation of the overlaid spec, as the contract test reads it. */
export interface SpecOperation {
  readonly id: string;
  readonly spec: SpecName;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly path: string;
  /** Parameters with `$ref`s resolved, path item parameters first. */
  readonly parameters: readonly SpecParameter[];
  /** The request body's JSON schema (OpenAPI form), if the operation takes one. */
  readonly requestBody?: { readonly required: boolean; readonly schema: unknown } | undefined;
  /** Response JSON schemas (OpenAPI form) by status (`'200'`, `'404'`, `'default'` …); `null` when the response declares no JSON body. */
  readonly responses: Readonly<Record<string, unknown>>;
}

export interface SpecParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly style?: string | undefined;
  readonly explode?: boolean | undefined;
  readonly schema: unknown;
}

const METHODS = ['get', 'post', 'put', 'delete', 'patch'] as const;

type Json = Record<string, unknown>;

function resolveRef(document: OpenAPIDocument, value: unknown): Json {
  let current = value as Json;
  for (let depth = 0; typeof current?.$ref === 'string' && depth < 10; depth += 1) {
    const pointer = (current.$ref as string).replace(/^#\//, '').split('/');
    let target: unknown = document;
    for (const segment of pointer) target = (target as Json)?.[segment];
    if (target === undefined) throw new Error(`unresolved $ref ${String(current.$ref)}`);
    current = target as Json;
  }
  return current;
}

function jsonSchemaOf(document: OpenAPIDocument, holder: unknown): unknown {
  const content = (resolveRef(document, holder).content ?? {}) as Json;
  const json = (content['application/json'] ?? undefined) as Json | undefined;
  return json === undefined ? null : (json.schema ?? {});
}

/** Every operation of one overlaid spec. */
export function operationsOf(document: OpenAPIDocument, spec: SpecName): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    const shared = (item.parameters ?? []) as unknown[];
    for (const method of METHODS) {
      const operation = item[method] as Json | undefined;
      if (operation === undefined) continue;
      const id = operation.operationId;
      if (typeof id !== 'string') throw new Error(`${method} ${path} has no operationId`);
      const parameters = [...shared, ...((operation.parameters ?? []) as unknown[])].map(
        (parameter) => {
          const p = resolveRef(document, parameter);
          return {
            name: String(p.name),
            in: p.in as SpecParameter['in'],
            required: p.required === true,
            style: p.style as string | undefined,
            explode: p.explode as boolean | undefined,
            schema: p.schema ?? {},
          };
        },
      );
      const body = operation.requestBody ? resolveRef(document, operation.requestBody) : undefined;
      const responses = Object.fromEntries(
        Object.entries((operation.responses ?? {}) as Json).map(([status, response]) => [
          status,
          jsonSchemaOf(document, response),
        ]),
      );
      operations.push({
        id,
        spec,
        method: method.toUpperCase() as SpecOperation['method'],
        path,
        parameters,
        requestBody: body && {
          required: body.required === true,
          schema: jsonSchemaOf(document, body),
        },
        responses,
      });
    }
  }
  return operations;
}

/** The overlaid specs and their operations by operationId. */
export interface ContractSpecs {
  readonly documents: Readonly<Record<SpecName, OpenAPIDocument>>;
  readonly operations: ReadonlyMap<string, SpecOperation>;
}

/**
 * Loads `specs/` with the overlays and indexes every operation by its operationId.
 *
 * @example
 * const { operations } = loadContractSpecs();
 * operations.get('purchaseOrders.list')?.path; // '/api/erp/purchase-orders'
 */
export function loadContractSpecs(): ContractSpecs {
  const documents = loadOverlaidSpecs();
  const operations = new Map<string, SpecOperation>();
  for (const spec of ['system', 'erp'] as const) {
    for (const operation of operationsOf(documents[spec], spec)) {
      if (operations.has(operation.id)) throw new Error(`operationId ${operation.id} twice`);
      operations.set(operation.id, operation);
    }
  }
  return { documents, operations };
}

/** How many operations the vendored spec files declare, counted from their JSON (no overlay). */
export { countSpecFileOperations } from './countSpecFileOperations.js';
