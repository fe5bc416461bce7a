// Reads the overlaid specs into what the emitters need: record schemas, request bodies and
// operations, in a stable order.
import type { OpenAPIDocument } from '../openapi/loadOverlaidSpecs.js';

/** A JSON Schema node of the overlaid specs. */
export interface SchemaNode {
  type?: string;
  format?: string;
  nullable?: boolean;
  minLength?: number;
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  allOf?: SchemaNode[];
  oneOf?: SchemaNode[];
  additionalProperties?: boolean | SchemaNode;
  $ref?: string;
}

/** A named object schema to emit as an interface and a zod schema. */
export interface NamedSchema {
  name: string;
  node: SchemaNode;
  /** Records read from the API carry `customFields`; request bodies do not. */
  kind: 'record' | 'input';
}

export interface Operation {
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  spec: 'system' | 'erp';
  summary: string;
  response: 'page' | 'list' | 'item' | 'object';
  schema?: string;
  body?: string;
  /** The body is a list of `body` items (connection metadata). */
  bodyIsList: boolean;
  pathParams: string[];
  paged: boolean;
  resource?: string;
}

/** Schemas written by hand in core (the page envelope, the error body). */
const HAND_WRITTEN = new Set(['PageLinks', 'PageMeta', 'ApiErrorBody']);

export const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

interface RawOperation {
  operationId: string;
  summary?: string;
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content: { 'application/json': { schema: SchemaNode } } };
  responses: Record<string, { content?: { 'application/json'?: { schema?: SchemaNode } } }>;
}

function responseOf(operation: RawOperation): Pick<Operation, 'response' | 'schema'> {
  const body = operation.responses['200']?.content?.['application/json']?.schema;
  const data = body?.properties?.data;
  if (data?.type === 'array' && data.items?.$ref)
    // A list without `meta` is every record at once (`raw.tables.list`), not a page.
    return { response: body?.properties?.meta ? 'page' : 'list', schema: refName(data.items.$ref) };
  if (data?.$ref) return { response: 'item', schema: refName(data.$ref) };
  return { response: 'object' };
}

function resourceOf(path: string): string | undefined {
  const match = /^\/api\/erp\/((?:statuses\/)?[a-z-]+(?:\.line-items)?)/.exec(path);
  return match?.[1];
}

/** The name of a request body: `<Record>Input`, with the action for the record's other writes. */
function bodyName(id: string, schema: string | undefined): string {
  const action = id.slice(id.lastIndexOf('.') + 1);
  const base =
    schema ??
    id
      .split('.')
      .map((part) => part[0]?.toUpperCase() + part.slice(1))
      .join('');
  const suffix: Record<string, string> = {
    create: 'Input',
    update: 'Input',
    updateStatus: 'StatusInput',
    updateInventory: 'InventoryInput',
    setMetadata: 'Input',
    createToken: 'Input',
    request: 'Request',
  };
  return `${base}${suffix[action] ?? 'Input'}`;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Collects schemas and operations from both specs. */
export function readSpecs(specs: { system: OpenAPIDocument; erp: OpenAPIDocument }) {
  const schemas = new Map<string, NamedSchema>();
  const add = (named: NamedSchema) => {
    const existing = schemas.get(named.name);
    if (existing && !sameJson(existing.node, named.node)) {
      throw new Error(`Two different schemas are named ${named.name}; name one in the overlay.`);
    }
    schemas.set(named.name, named);
  };
  const operations: Operation[] = [];
  for (const spec of ['system', 'erp'] as const) {
    const document = specs[spec];
    for (const [name, node] of Object.entries(
      document.components.schemas as Record<string, SchemaNode>,
    )) {
      if (node.type === 'object' && !HAND_WRITTEN.has(name)) add({ name, node, kind: 'record' });
    }
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, raw] of Object.entries(item as Record<string, RawOperation>)) {
        const { response, schema } = responseOf(raw);
        const resource = resourceOf(path);
        const parameters = raw.parameters ?? [];
        let body: string | undefined;
        let bodyIsList = false;
        const bodySchema = raw.requestBody?.content['application/json'].schema;
        if (bodySchema) {
          bodyIsList = bodySchema.type === 'array';
          const node = { ...(bodyIsList ? (bodySchema.items ?? {}) : bodySchema), type: 'object' };
          body = bodyName(raw.operationId, schema);
          // An update whose body differs from the create's gets its own name.
          const taken = schemas.get(body);
          if (taken && !sameJson(taken.node, node)) body = body.replace(/Input$/, 'UpdateInput');
          add({ name: bodyIsList ? body.replace(/Input$/, 'Entry') : body, node, kind: 'input' });
        }
        operations.push({
          id: raw.operationId,
          method: method.toUpperCase() as Operation['method'],
          path,
          spec,
          summary: (raw.summary ?? '').trim(),
          response,
          ...(schema ? { schema } : {}),
          ...(body ? { body } : {}),
          bodyIsList,
          pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          paged: parameters.some((p) => p.name === 'page'),
          ...(resource ? { resource } : {}),
        });
      }
    }
  }
  const sorted = [...schemas.values()].sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  return { schemas: sorted, operations };
}
