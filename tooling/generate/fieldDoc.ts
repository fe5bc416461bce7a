// The doc comment of one generated field. Makini's specs describe almost no field (a placeholder
// "Description" at most), yet every field shows in editors and in the API reference: the
// overlay's description wins, and otherwise the name, the kind of value and how to read it.
import { refName, type SchemaNode } from './readSpecs.js';

/** Abbreviations in field names, spelled out so a sentence reads as one. */
const WORDS: Readonly<Record<string, string>> = {
  po: 'purchase order',
  uom: 'unit of measure',
  pm: 'preventive maintenance',
  no: 'number',
  pos: 'position',
  lat: 'latitude',
  lng: 'longitude',
  id: 'ID',
  url: 'URL',
  sql: 'SQL',
  sku: 'SKU',
  upc: 'UPC',
  ean: 'EAN',
  isbn: 'ISBN',
};

const PLACEHOLDER = 'Description';

/** `totalNetValue` → `total net value`, `logo_url` → `logo URL`, `poKey` → `purchase order key`. */
export function fieldWords(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .filter(Boolean)
    .map((word) => WORDS[word.toLowerCase()] ?? word.toLowerCase())
    .join(' ');
}

function single(node: SchemaNode): SchemaNode {
  const ref = node.allOf?.length === 1 ? node.allOf[0] : undefined;
  return ref ? { ...ref, ...(node.nullable ? { nullable: true } : {}) } : node;
}

/** What the value is, when neither the spec nor the overlay says. */
function summary(name: string, node: SchemaNode): string {
  if (name === 'key') return "Makini's key for the record.";
  if (name === 'id') return "The record's ID, always read as a string.";
  const keyOf = /^(.+)Keys?$/.exec(name);
  if (keyOf?.[1]) {
    const plural = name.endsWith('Keys');
    return `The key${plural ? 's' : ''} of the related ${fieldWords(keyOf[1])}${plural ? ' records' : ''}.`;
  }
  if (node.$ref) return `The ${fieldWords(name)} (see \`${refName(node.$ref)}\`).`;
  const items = node.type === 'array' && node.items ? single(node.items) : undefined;
  if (items?.$ref) return `The ${fieldWords(name)} (each: see \`${refName(items.$ref)}\`).`;
  if (node.type === 'boolean') {
    const flag = /^is([A-Z].*)$/.exec(name)?.[1];
    const what = flag ? `Whether it is ${fieldWords(flag)}` : `The ${fieldWords(name)} flag`;
    return `${what}; read it with \`parseFlag\`.`;
  }
  if (node.format === 'date-time') {
    const at = /^(.+?)(?:At|_at)$/.exec(name)?.[1];
    if (at === 'expires') return 'When it expires.';
    if (at && /^[a-z]+ed$/.test(at)) return `When it was ${at}.`;
    return `The ${fieldWords(at ? `${at} time` : name)}.`;
  }
  if (node.type === 'object' || node.type === undefined) {
    return `The ${fieldWords(name)}, kept as sent.`;
  }
  return `The ${fieldWords(name)}.`;
}

/** How to read the value, for formats the client keeps as text. */
function reading(node: SchemaNode): string | undefined {
  if (node.format === 'decimal') return 'An exact decimal string; read it with `parseDecimal`.';
  if (node.format === 'date-time') {
    return 'ISO 8601 text; read it with `parseTimestamp`.';
  }
  return undefined;
}

/** The doc comment line (indented, with its newline) for the field `name` of a generated model. */
export function fieldDoc(name: string, raw: SchemaNode): string {
  const node = single(raw);
  const described =
    raw.description && raw.description !== PLACEHOLDER ? raw.description : undefined;
  const text = [described ?? summary(name, node), reading(node)].filter(Boolean).join(' ');
  return `  /** ${text} */\n`;
}
