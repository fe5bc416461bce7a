// Emits one resource class per resource (resources/<Name>.ts), with its sub-collections
// (`lineItems`, `statuses`, `tables`) as properties, and methods named by operationName.ts.
import { HEADER } from './emitModels.js';
import { operationSummary } from './operationSummary.js';
import type { NamedSchema, Operation, SchemaNode } from './readSpecs.js';

const pascal = (name: string) => name[0]?.toUpperCase() + name.slice(1);

/** The class name of a resource, e.g. `purchaseOrders` → `PurchaseOrdersResource`. */
export const resourceClass = (resource: string) => `${pascal(resource)}Resource`;

interface Method {
  code: string;
  /** The call its example makes, with every required argument, e.g. `client.invoices.get('KEY-1')`. */
  call: string;
  types: Set<string>;
  runtime: Set<string>;
}

function pathExpression(operation: Operation): string {
  if (operation.pathParams.length === 0) return `'${operation.path}'`;
  // The runtime fills the template in when the call starts, so a bad key rejects the call.
  return `{ template: '${operation.path}', params: { ${operation.pathParams.join(', ')} } }`;
}

/**
 * Field names that hold a credential. Narrower than the client's redaction pattern (which also
 * catches every `key`): only a schema with such a field makes its answers secret.
 */
const SECRET_FIELD =
  /^(?:token|access_token|refresh_token|id_token|secret|client_secret|password)$/i;

/** Whether the record an operation answers carries a credential (a token endpoint's answer). */
export function secretBody(operation: Operation, schemas: Map<string, NamedSchema>): boolean {
  const node = operation.schema ? schemas.get(operation.schema)?.node : undefined;
  return Object.keys(node?.properties ?? {}).some((name) => SECRET_FIELD.test(name));
}

/** The options argument: the caller's, plus `secretBody` for an answer that holds credentials. */
const optionsArg = (secret: boolean, name: string) =>
  secret ? `{ ...${name}, secretBody: true }` : name;

function exampleCall(operation: Operation, params: string): string {
  const args = operation.pathParams.map((name) => `'${name === 'table' ? 'TABLE' : 'KEY-1'}'`);
  return `client.${operation.id}(${[...args, params].filter(Boolean).join(', ')})`;
}

/** A value of a body field for examples: one the sandbox takes where the name says what it is. */
function sampleValue(name: string, node: SchemaNode): string {
  const byName: Record<string, string> = {
    status: "'APPROVED'",
    email: "'ops@example.com'",
    method: "'get'",
    path: "'/api/v1/items'",
    provider: "'sap'",
  };
  if (byName[name]) return byName[name];
  if (node.format === 'decimal') return "'10'";
  if (node.type === 'boolean') return 'true';
  if (node.type === 'integer' || node.type === 'number') return '1';
  if (node.type === 'array') return '[]';
  if (node.type === 'object') return '{}';
  return "'value'";
}

/** An example body: its first text field and every required one, so the example compiles. */
function sampleBody(node: SchemaNode | undefined): string {
  const properties = Object.entries(node?.properties ?? {});
  const firstText = properties.find(([, field]) => field.type === 'string')?.[0];
  const required = new Set(node?.required ?? []);
  const fields = properties.filter(([name]) => name === firstText || required.has(name));
  if (fields.length === 0) return '{}';
  return `{ ${fields.map(([name, field]) => `${name}: ${sampleValue(name, field)}`).join(', ')} }`;
}

function method(operation: Operation, schemas: Map<string, NamedSchema>): Method {
  const name = operation.id.slice(operation.id.lastIndexOf('.') + 1);
  const types = new Set<string>();
  const runtime = new Set<string>();
  const keys = operation.pathParams.map((param) => `${param}: string`);
  const path = pathExpression(operation);
  const doc = (example: string) =>
    `  /**\n   * ${operationSummary(operation.id, operation.path)}.\n   *\n   * \`${operation.method} ${operation.path}\`\n   * @example\n   * ${example}\n   */\n`;
  const schema = operation.schema;
  const secret = secretBody(operation, schemas);
  if (operation.response === 'page' && schema) {
    types.add(schema);
    runtime.add('listRecords');
    const signature = [...keys, `params?: ListParams<FieldsOf<${schema}>>`].join(', ');
    return {
      call: exampleCall(operation, '{ perPage: 100 }'),
      code: `${doc(`for await (const record of ${exampleCall(operation, '{ perPage: 100 }')}) console.log(record);`)}  ${name}(${signature}): PagePromise<${schema}> {\n    return listRecords(this.#client, ${path}, schemas.${schema}, params);\n  }\n`,
      types,
      runtime,
    };
  }
  if (operation.response === 'list' && schema) {
    types.add(schema);
    runtime.add('getRecords');
    const signature = [...keys, 'options?: RecordOptions'].join(', ');
    return {
      call: exampleCall(operation, ''),
      code: `${doc(`const records = await ${exampleCall(operation, '')};`)}  ${name}(${signature}): Promise<${schema}[]> {\n    return getRecords(this.#client, ${path}, schemas.${schema}, ${optionsArg(secret, 'options')});\n  }\n`,
      types,
      runtime,
    };
  }
  if (operation.response === 'item' && schema && operation.method === 'GET') {
    types.add(schema);
    runtime.add('getRecord');
    const signature = [...keys, 'options?: RecordOptions'].join(', ');
    return {
      call: exampleCall(operation, ''),
      code: `${doc(`const record = await ${exampleCall(operation, '')};`)}  ${name}(${signature}): Promise<${schema}> {\n    return getRecord(this.#client, ${path}, schemas.${schema}, ${optionsArg(secret, 'options')});\n  }\n`,
      types,
      runtime,
    };
  }
  if (operation.response === 'item' && schema && operation.body) {
    types.add(schema);
    runtime.add('writeRecord');
    const bodyNode = schemas.get(operation.body)?.node;
    const takesBody = operation.bodyIsList || Object.keys(bodyNode?.properties ?? {}).length > 0;
    if (takesBody) types.add(operation.body);
    const signature = [
      ...keys,
      ...(takesBody ? [`body: ${operation.body}`] : []),
      'options?: WriteOptions',
    ].join(', ');
    const sample = operation.bodyIsList ? "[{ key: 'k', value: 'v' }]" : sampleBody(bodyNode);
    const example = exampleCall(
      operation,
      `${takesBody ? `${sample}, ` : ''}{ idempotencyKey: crypto.randomUUID() }`,
    );
    return {
      call: example,
      code: `${doc(`const record = await ${example};`)}  ${name}(${signature}): Promise<${schema}> {\n    return writeRecord(this.#client, '${operation.method}', ${path}, ${takesBody ? 'body' : '{}'}, schemas.${schema}, ${optionsArg(secret, 'options')});\n  }\n`,
      types,
      runtime,
    };
  }
  runtime.add('requestObject');
  if (operation.method === 'DELETE') {
    const signature = [...keys, 'options?: RequestOptions'].join(', ');
    return {
      call: exampleCall(operation, ''),
      code: `${doc(`await ${exampleCall(operation, '')};`)}  async ${name}(${signature}): Promise<void> {\n    await requestObject(this.#client, 'DELETE', ${path}, options);\n  }\n`,
      types,
      runtime,
    };
  }
  const signature = [...keys, 'options?: RequestOptions'].join(', ');
  return {
    call: exampleCall(operation, ''),
    code: `${doc(`const answer = await ${exampleCall(operation, '')};`)}  ${name}(${signature}): Promise<unknown> {\n    return requestObject(this.#client, '${operation.method}', ${path}, options);\n  }\n`,
    types,
    runtime,
  };
}

function classCode(
  name: string,
  doc: string,
  methods: Method[],
  collections: Array<{ property: string; className: string }>,
): string {
  const properties = collections
    .map(
      ({ property, className }) =>
        `  /** \`${property}.list()\` and its siblings; calling \`${property}(…)\` itself is the deprecated form of \`${property}.list(…)\`. */\n  readonly ${property}: ${className} & ${className}['list'];\n`,
    )
    .join('');
  const init = collections
    .map(
      ({ property, className }) =>
        `    this.${property} = subCollection(new ${className}(client));\n`,
    )
    .join('');
  const field = methods.length > 0 ? '  readonly #client: MakiniClient;\n' : '';
  const store = methods.length > 0 ? '    this.#client = client;\n' : '';
  return `${doc}\nexport class ${name} {\n${field}${properties}\n  /** Made by \`MakiniClient\`: reach it through the client. */\n  constructor(client: MakiniClient) {\n${store}${init}  }\n\n${methods.map((m) => m.code).join('\n')}}\n`;
}

/** `resources/<Class>.ts` for every resource, keyed by file name. */
export function emitResources(
  operations: Operation[],
  schemas: NamedSchema[],
): Map<string, string> {
  const bySchema = new Map(schemas.map((named) => [named.name, named]));
  const groups = new Map<string, Operation[]>();
  for (const operation of operations) {
    const resource = operation.id.split('.')[0] as string;
    groups.set(resource, [...(groups.get(resource) ?? []), operation]);
  }
  const files = new Map<string, string>();
  for (const [resource, group] of groups) {
    const className = resourceClass(resource);
    const direct = group.filter((operation) => operation.id.split('.').length === 2);
    const nested = new Map<string, Operation[]>();
    for (const operation of group.filter((o) => o.id.split('.').length === 3)) {
      const property = operation.id.split('.')[1] as string;
      nested.set(property, [...(nested.get(property) ?? []), operation]);
    }
    const all: Method[] = [];
    const classes: string[] = [];
    const collections: Array<{ property: string; className: string }> = [];
    for (const [property, members] of nested) {
      const nestedClass = `${pascal(resource)}${pascal(property)}`;
      const methods = members.map((operation) => method(operation, bySchema));
      all.push(...methods);
      collections.push({ property, className: nestedClass });
      classes.push(
        classCode(
          nestedClass,
          `/** \`client.${resource}.${property}\`: ${members.map((m) => `\`${m.method} ${m.path}\``).join(', ')}. */`,
          methods,
          [],
        ),
      );
    }
    const methods = direct.map((operation) => method(operation, bySchema));
    all.push(...methods);
    const routes = [...new Set(group.map((operation) => operation.path))]
      .map((path) => `\`${path}\``)
      .join(', ');
    const firstCall = method(group[0] as Operation, bySchema).call;
    classes.push(
      classCode(
        className,
        `/**\n * \`client.${resource}\`: ${routes}.\n *\n * @example\n * const client = new MakiniClient({ token });\n * ${firstCall};\n */`,
        methods,
        collections,
      ),
    );
    const types = [...new Set(all.flatMap((m) => [...m.types]))].sort();
    const runtime = [...new Set(all.flatMap((m) => [...m.runtime]))].sort();
    const source = all.map((m) => m.code).join('');
    const runtimeTypes = ['FieldsOf', 'ListParams', 'RecordOptions', 'WriteOptions'].filter(
      (name) => new RegExp(`\\b${name}\\b`).test(source),
    );
    const imports = [
      `import type { MakiniClient } from '../../client/MakiniClient.js';`,
      runtime.length || runtimeTypes.length
        ? `import { ${[...runtime, ...runtimeTypes.map((name) => `type ${name}`)].join(', ')} } from '../../client/operations/index.js';`
        : '',
      source.includes('PagePromise<')
        ? `import type { PagePromise } from '../../client/PagePromise.js';`
        : '',
      source.includes('RequestOptions')
        ? `import type { RequestOptions } from '../../client/RequestInput.js';`
        : '',
      collections.length ? `import { subCollection } from '../../client/subCollection.js';` : '',
      types.length ? `import type { ${types.join(', ')} } from '../schemas.js';` : '',
      source.includes('schemas.') ? `import * as schemas from '../schemas.js';` : '',
    ].filter(Boolean);
    files.set(`${className}.ts`, `${HEADER}${imports.join('\n')}\n\n${classes.join('\n')}`);
  }
  return files;
}
