// Request bodies built from the overlaid spec's request schema: every property the schema names
// gets a realistic value of its declared type and format, references name real records.

type Json = Record<string, unknown>;

/** What the builder knows beyond the schema. */
export interface BodyContext {
  /** Component schemas of the spec, to follow `$ref`s. */
  readonly schemas: Readonly<Record<string, unknown>>;
  /** A key of a record a reference field names (`vendorKey`, `siteKeys`), if one is known. */
  readonly reference: (field: string) => string | undefined;
  /** Values to use as they are, by property name (`status`, `provider`, …). */
  readonly overrides?: Readonly<Record<string, unknown>> | undefined;
  /** A word that makes names readable and unique per call (`Contract vendors`). */
  readonly label: string;
}

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const DECIMAL_MONEY = /price|cost|value|amount|total|budget|discount/i;
const DECIMAL_RATE = /rate|percentage|tax/i;
/** Money and quantities by name, where the spec leaves the type loose (`string`, `nullable`). */
const DECIMAL_NAME =
  /(?:^|[a-z])(?:quantity|Quantity|price|Price|cost|Cost|Value|amount|Amount|rate|Rate|discount|Discount|budget|Budget|Level|Percentage)$|^(?:quantity|price|cost|rate|discount|budget)$/;
const DATE_NAME = /(?:At|Date)$|^date$/;
/** Collections by name, where the spec gives no item type: sent empty rather than invented. */
const LIST_NAME = /^(?:lineItems?|lines|documents|items|children)$/;
const OBJECT_NAME = /^(?:headers|query|parameters|body|credentials|metadata)$/;

const TEXT: ReadonlyArray<readonly [RegExp, (label: string) => string]> = [
  [/email/i, () => 'purchasing@acme-industrial.example'],
  [/phone|fax/i, () => '+49 89 2019 4410'],
  [/^(?:countryCode|country)$/i, () => 'DE'],
  [/city/i, () => 'Munich'],
  [/zip|postal/i, () => '80331'],
  [/street|address/i, () => 'Leopoldstraße 12'],
  [/state|region/i, () => 'Bavaria'],
  [/currency/i, () => 'EUR'],
  [/url|website/i, () => 'https://acme-industrial.example'],
  [
    /^(?:code|number|orderNo|invoiceNumber|partNumber|sku|.*No)$/i,
    (label) => `CT-${label.slice(0, 3).toUpperCase()}-0001`,
  ],
  [/^(?:name|title|fullName)$/i, (label) => `Contract ${label}`],
  [/description|comment|note|text|memo/i, (label) => `Written by the contract test (${label})`],
  [/type|category|group|class/i, () => 'standard'],
];

function textFor(name: string, label: string): string {
  for (const [pattern, value] of TEXT) if (pattern.test(name)) return value(label);
  return `${label} ${name}`;
}

function decimalFor(name: string): string {
  if (/quantity|qty|level|minimum|maximum/i.test(name)) return '12';
  if (DECIMAL_RATE.test(name) && !DECIMAL_MONEY.test(name)) return '19.00';
  return '149.90';
}

function resolve(schema: unknown, context: BodyContext): Json {
  let current = isObject(schema) ? schema : {};
  for (let depth = 0; typeof current.$ref === 'string' && depth < 10; depth += 1) {
    const target = context.schemas[current.$ref.replace('#/components/schemas/', '')];
    current = isObject(target) ? target : {};
  }
  if (Array.isArray(current.allOf) && current.allOf.length === 1 && current.type === undefined) {
    return { ...resolve(current.allOf[0], context), ...current, allOf: undefined };
  }
  return current;
}

/** A value for property `name` of `schema`, or `undefined` when none can be given validly. */
function valueFor(name: string, raw: unknown, context: BodyContext, depth: number): unknown {
  if (context.overrides && Object.hasOwn(context.overrides, name)) return context.overrides[name];
  const schema = resolve(raw, context);
  if (Array.isArray(schema.enum)) return schema.enum.find((v) => v !== null);
  if (/Keys$/.test(name) && schema.type === 'array') {
    const key = context.reference(name);
    return key === undefined ? undefined : [key];
  }
  if (/Key$/.test(name) && name !== 'key') return context.reference(name);
  const loose =
    schema.type === undefined || (schema.type === 'string' && schema.format === undefined);
  if (loose && !/Keys$/.test(name)) {
    // The spec's loose fields (`type: string` or no type) read by name, as Makini's data does.
    if (DATE_NAME.test(name)) return '2025-03-14T09:30:00Z';
    if (DECIMAL_NAME.test(name)) return decimalFor(name);
    if (schema.type === undefined && LIST_NAME.test(name)) return [];
    if (schema.type === undefined && OBJECT_NAME.test(name)) return {};
  }
  switch (schema.type) {
    case 'boolean':
      return !/^(?:is)?(?:deleted|blocked|inactive)/i.test(name);
    case 'integer':
      return 3;
    case 'number':
      return 2.5;
    case 'array': {
      const items = resolve(schema.items ?? {}, context);
      if (depth > 3 || (items.type === undefined && items.properties === undefined)) return [];
      const item = valueFor(name.replace(/s$/, ''), schema.items ?? {}, context, depth + 1);
      return item === undefined ? [] : [item];
    }
    case 'object':
      return objectFor(schema, context, depth + 1);
    case 'string':
      if (schema.format === 'decimal') return decimalFor(name);
      if (schema.format === 'date-time') return '2025-03-14T09:30:00Z';
      if (schema.format === 'date') return '2025-03-14';
      if (schema.format === 'email') return 'purchasing@acme-industrial.example';
      if (schema.format === 'uri' || schema.format === 'url')
        return 'https://acme-industrial.example';
      return textFor(name, context.label);
    default:
      // No type (the spec's `nullable` fields): any JSON value; a string reads best.
      return isObject(schema.properties)
        ? objectFor(schema, context, depth + 1)
        : textFor(name, context.label);
  }
}

function objectFor(schema: Json, context: BodyContext, depth: number): Json {
  const body: Json = {};
  const properties = isObject(schema.properties) ? schema.properties : {};
  for (const [name, property] of Object.entries(properties)) {
    // A record's own key is the server's to give; a nested `key` (metadata) is data.
    if ((depth === 0 && name === 'key') || name === 'customFields') continue;
    const value = valueFor(name, property, context, depth);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

/**
 * A body for an operation's request schema (OpenAPI form, overlay applied): every property gets a
 * value of its type and format with a realistic look (`totalNetValue: '149.90'`, dates in ISO 8601,
 * `vendorKey` naming a listed vendor); a reference with no record to name is left out. An array
 * body gets one item.
 *
 * @example
 * buildBody(operation.requestBody.schema, { schemas, reference: (f) => keys.get(f), label: 'vendors' });
 */
export function buildBody(schema: unknown, context: BodyContext): unknown {
  const resolved = resolve(schema, context);
  if (resolved.type === 'array') {
    const item = valueFor('item', resolved.items ?? {}, context, 1);
    return item === undefined ? [] : [item];
  }
  return objectFor(resolved, context, 0);
}
