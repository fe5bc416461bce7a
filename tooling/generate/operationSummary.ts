// Plain-English summaries of operations for the generated JSDoc and the README table. Makini's own
// summaries are built from schema names ("List LineItem", "List Status PurchaseOrders", "Get an
// User"), so ERP summaries are written here from the resource in the path and the method's name.

/** How a resource segment reads in a sentence, where its plural or singular is not regular. */
const NOUNS: Readonly<Record<string, { one: string; many: string }>> = {
  uom: { one: 'unit of measure', many: 'units of measure' },
  rfq: { one: 'request for quotation', many: 'requests for quotation' },
  bom: { one: 'bill of materials', many: 'bills of materials' },
  receiving: { one: 'receiving record', many: 'receiving records' },
  stocks: { one: 'stock record', many: 'stock records' },
};

/** System routes, whose spec summaries name schemas rather than what the call does. */
const SYSTEM: Readonly<Record<string, string>> = {
  'raw.tables.list': "List the source system's raw tables",
  'raw.tables.data': 'List the rows of a raw table',
  'integrations.current': 'Get the current integration: the connection the token belongs to',
  'integrations.deleteCurrent':
    'Delete the current integration: the connection the token belongs to',
  'platforms.list': 'List the platforms Makini connects to',
  'application.get': 'Get your application: the Makini client the token belongs to',
  'connections.list': 'List connections',
  'connections.create': 'Create a connection',
  'connections.delete': 'Delete a connection',
  'connections.metadata': "List a connection's metadata",
  'connections.setMetadata': "Set a connection's metadata",
  'connections.createToken': 'Create an access token for a connection',
  'passthrough.request': "Send a request to the connection's source system through Makini",
};

/** The singular and plural of a resource segment, e.g. `exchange-rates` → exchange rate(s). */
export function nounOf(segment: string): { one: string; many: string } {
  const known = NOUNS[segment];
  if (known) return known;
  const many = segment.replace(/-/g, ' ');
  const one = many.endsWith('ies')
    ? `${many.slice(0, -3)}y`
    : /(x|ss|ch|sh)es$/.test(many)
      ? many.slice(0, -2)
      : many.endsWith('s')
        ? many.slice(0, -1)
        : many;
  return { one, many };
}

// "a user", "a unit of measure": a leading u that sounds like "you" takes "a".
const article = (noun: string) => (/^([aeio]|u(?!s|ni))/.test(noun) ? `an ${noun}` : `a ${noun}`);

/**
 * The summary of an operation, without a closing full stop.
 *
 * @example
 * operationSummary('purchaseOrders.lineItems.list', '/api/erp/purchase-orders.line-items');
 * // 'List purchase-order line items'
 */
export function operationSummary(id: string, path: string): string {
  const system = SYSTEM[id];
  if (system) return system;
  const erp = /^\/api\/erp\/(?:statuses\/)?([a-z-]+)/.exec(path)?.[1];
  if (!erp) throw new Error(`No summary rule for ${id} (${path}).`);
  const { one, many } = nounOf(erp);
  const action = id.slice(id.lastIndexOf('.') + 1);
  if (id.endsWith('.statuses.list')) return `List the statuses ${many} can have`;
  if (id.includes('.lineItems.')) {
    const owner = one.replace(/ /g, '-');
    return action === 'list'
      ? `List ${owner} line items`
      : `Get ${article(owner)} line item by its key`;
  }
  const sentences: Readonly<Record<string, string>> = {
    list: `List ${many}`,
    get: `Get ${article(one)} by its key`,
    create: `Create ${article(one)}`,
    update: `Update ${article(one)}`,
    updateStatus: `Change the status of ${article(one)}`,
    updateInventory: `Update the inventory of ${article(one)}`,
    children: `List the child materials of ${article(one)}`,
    materials: `List the materials of ${article(one)}`,
  };
  const sentence = sentences[action];
  if (!sentence) throw new Error(`No summary rule for ${id} (${path}).`);
  return sentence;
}
