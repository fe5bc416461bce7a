import type { FieldModel } from '../../spec/FieldModel.js';
import { fieldsOf } from '../../spec/FieldModel.js';
import { resourceCatalog } from '../../spec/ResourceCatalog.js';
import { CURRENCIES, MATERIALS, STATUSES, UNITS, VENDORS } from '../catalog.js';
import { Dice } from '../random.js';
import { settleAmounts, totalsFromLines } from './amounts.js';
import { countOf } from './counts.js';
import { platformFills, platformServes } from './coverage.js';
import { cityFields, scalarValue } from './fieldValue.js';
import { keyOf, refTarget } from './keys.js';
import * as words from './vocabulary.js';

type Rec = Record<string, unknown>;

/** What a factory needs to know about the connection it seeds. */
export interface SeedContext {
  seed: number;
  connectionKey: string;
  provider: string;
  orders: number;
  /** Purchase order `index` of this connection, for documents that point to one. */
  order(index: number): Rec;
  /** Key of purchase order `index`. */
  orderKey(index: number): string;
}

const TAX_RATE = '0.25';
const LINE_SCHEMAS = new Set([
  'POLineItem',
  'InvoiceLineItem',
  'SalesLineItem',
  'StockLineItem',
  'BOMLineItem',
]);
/** Documents whose `poKey` points to a purchase order whose lines and totals they copy. */
const FROM_ORDER = new Set(['invoices', 'receipts', 'receiving', 'return-orders']);

/** Per-collection names and codes, where a generic "<noun> 3" would not read as real data. */
function naming(segment: string, index: number, dice: Dice): { name?: string; code?: string } {
  const at = <T>(list: readonly T[]) => list[index % list.length] as T;
  switch (segment) {
    case 'currencies': {
      const currency = CURRENCIES[index];
      return { name: currency?.name ?? '', code: currency?.code ?? '' };
    }
    case 'uom':
      return { name: UNITS[index]?.name ?? '', code: UNITS[index]?.code ?? '' };
    case 'vendors':
      return { name: VENDORS[index]?.name ?? '', code: VENDORS[index]?.code ?? '' };
    case 'materials':
    case 'products':
    case 'inventories': {
      const material = MATERIALS[index % MATERIALS.length];
      const suffix =
        index < MATERIALS.length ? '' : ` (alt. ${Math.floor(index / MATERIALS.length)})`;
      return {
        name: `${material?.[1] ?? ''}${suffix}`,
        code: `${material?.[0] ?? ''}${suffix ? `-${index}` : ''}`,
      };
    }
    case 'sites':
      return { name: at(words.SITE_NAMES), code: `S${1000 + index}` };
    case 'organizations':
      return { name: at(words.ORGANIZATION_NAMES), code: `ORG${10 + index}` };
    case 'companies':
      return { name: at(words.COMPANY_NAMES), code: `C${2000 + index}` };
    case 'customers':
      return { name: at(words.CUSTOMER_NAMES), code: `D${30_000 + index}` };
    case 'locations':
      return { name: at(words.LOCATION_NAMES), code: `LOC-${String(index + 1).padStart(3, '0')}` };
    case 'storerooms':
      return {
        name: `${at(words.STORE_TYPES)} ${index + 1}`,
        code: `SR${String(index + 1).padStart(2, '0')}`,
      };
    case 'accounts':
      return { name: at(words.ACCOUNT_NAMES), code: String(4000 + index * 10) };
    case 'teams':
      return { name: at(words.TEAM_NAMES), code: `T-${index + 1}` };
    case 'users':
    case 'labors':
      return {
        name: `${dice.pick(words.FIRST_NAMES)} ${dice.pick(words.LAST_NAMES)}`,
        code: `U${500 + index}`,
      };
    case 'taxes':
      return { name: words.TAXES[index]?.[0] ?? 'VAT', code: `TX${index + 1}` };
    case 'projects':
      return { name: at(words.PROJECT_NAMES), code: `PRJ-${24_000 + index}` };
  }
  if (segment.startsWith('statuses/')) {
    const scope = segment.slice('statuses/'.length);
    const name =
      scope === 'purchase-orders' ? STATUSES[index]?.name : words.STATUS_NAMES[scope]?.[index];
    return {
      name: name ?? `Status ${index + 1}`,
      code: (name ?? '').toUpperCase().replace(/\s+/g, '_'),
    };
  }
  const noun = segment.replace(/-/g, ' ').replace(/s$/, '');
  return {
    name: `${noun[0]?.toUpperCase()}${noun.slice(1)} ${index + 1}`,
    code: `${segment.slice(0, 3).toUpperCase()}-${10_000 + index}`,
  };
}

/** A reference to a record of `target`: `null` when the platform has no such collection. */
function reference(
  context: SeedContext,
  target: string | undefined,
  dice: Dice,
  field: string,
): string | null {
  if (!target) return `11${String(dice.int(1, 999_999)).padStart(12, '0')}`;
  if (!platformServes(context.provider, target)) return null;
  const count = countOf(target, context.orders);
  if (count === 0) return null;
  const index = dice.int(0, count - 1);
  return target === 'purchase-orders' ? context.orderKey(index) : field && keyOf(target, index);
}

/** Builds one record of a schema; nested records (addresses, lines) go one level deep. */
function build(
  context: SeedContext,
  segment: string,
  fields: FieldModel[],
  index: number,
  dice: Dice,
  depth: number,
): Rec {
  const record: Rec = {};
  const { name, code } = naming(segment, index, dice);
  const noun = segment
    .replace(/^statuses\//, '')
    .replace(/-/g, ' ')
    .replace(/s$/, '');
  const city = cityFields(dice);
  for (const declared of fields) {
    // A `*Key` the spec types as a decimal (`Material.uomKey`) still names a record: the
    // sandbox's keys are digits, so the reference is a valid decimal too.
    // `Part.vendorKeys` is text: one key, as the spec's example shows.
    const field: FieldModel =
      (declared.kind === 'decimal' && declared.name.endsWith('Key')) ||
      (declared.kind === 'text' && declared.name.endsWith('Keys'))
        ? { name: declared.name, kind: 'ref' }
        : declared;
    if (depth === 0 && !platformFills(context.provider, segment, field.name, field.kind)) continue;
    switch (field.kind) {
      case 'key':
        record.key =
          depth === 0 ? keyOf(segment, index) : keyOf(segment, index) + String(dice.int(100, 999));
        break;
      case 'ref':
        record[field.name] =
          field.name === 'parentKey'
            ? null
            : reference(context, refTarget(field.name, segment), dice, field.name);
        break;
      case 'refs': {
        const target = refTarget(field.name, segment);
        record[field.name] =
          field.name === 'parentKeys'
            ? []
            : [reference(context, target, dice, field.name)].filter(Boolean);
        break;
      }
      case 'object':
        record[field.name] =
          depth >= 1 || !field.schema
            ? null
            : build(context, segment, fieldsOf(field.schema), index, dice, depth + 1);
        break;
      case 'array':
        record[field.name] =
          depth >= 1 ||
          !field.schema ||
          (!LINE_SCHEMAS.has(field.schema) &&
            field.schema !== 'Address' &&
            field.schema !== 'Contact')
            ? []
            : Array.from(
                { length: LINE_SCHEMAS.has(field.schema) ? dice.int(1, 4) : 1 },
                (_, line) =>
                  build(context, segment, fieldsOf(field.schema as string), line, dice, depth + 1),
              );
        break;
      default:
        record[field.name] =
          field.name === 'name' && name !== undefined && depth === 0
            ? name
            : field.name === 'code' && code !== undefined
              ? code
              : field.name in city
                ? city[field.name]
                : scalarValue(field, dice, index, noun);
    }
  }
  return record;
}

/** Copies a purchase order's lines into a document's line schema, and its totals. */
function copyOrder(record: Rec, order: Rec, lineFields: FieldModel[]) {
  const lines = (order.lineItems as Rec[] | undefined) ?? [];
  const copied = lines.map((line) => {
    const copy: Rec = {};
    for (const field of lineFields) copy[field.name] = line[field.name] ?? null;
    return copy;
  });
  record.lineItems = copied;
  for (const field of ['vendorKey', 'currencyKey', 'siteKey', 'orderNo', 'orderDate'])
    if (field in record && order[field] !== undefined) record[field] = order[field];
  totalsFromLines(record, copied);
  // The order's own totals are the source of truth when the lines carry no tax.
  if ('totalNetValue' in record && order.totalNetValue) record.totalNetValue = order.totalNetValue;
  if ('totalGrossValue' in record && order.totalGrossValue)
    record.totalGrossValue = order.totalGrossValue;
}

/**
 * Record `index` of a collection, from the spec's schema: a pure function of (seed, connection,
 * collection, index). References point to records that exist; amounts add up.
 */
export function seedRecord(context: SeedContext, segment: string, index: number): Rec {
  const resource = resourceCatalog().get(segment);
  if (!resource) return { key: keyOf(segment, index) };
  const dice = new Dice(context.seed, 'record', context.connectionKey, segment, index);
  const record = build(context, segment, resource.fields, index, dice, 0);
  if (segment.startsWith('statuses/')) {
    record.scope = segment.slice('statuses/'.length);
    record.isActive = true;
  }
  if (segment === 'taxes' && 'taxPercentage' in record)
    record.taxPercentage = words.TAXES[index]?.[1] ?? '25.00';
  const lineField = resource.fields.find(
    (field) => field.name === 'lineItems' || field.name === 'lines',
  );
  if (FROM_ORDER.has(segment) && context.orders > 0 && lineField?.schema) {
    const orderIndex = (index * 7) % context.orders;
    record.poKey = context.orderKey(orderIndex);
    copyOrder(record, context.order(orderIndex), fieldsOf(lineField.schema));
  } else if (lineField && Array.isArray(record[lineField.name])) {
    settleAmounts(record, record[lineField.name] as Rec[], dice, TAX_RATE);
  }
  return record;
}
