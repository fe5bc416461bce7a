type Rec = Record<string, unknown>;

const firstField = (record: Rec, pattern: RegExp) =>
  Object.keys(record).find((name) => pattern.test(name));

/**
 * The ways a record breaks, in turn: each is something the spec's declared types allow or a real
 * ERP has sent, and each must cost the client that one record, never its page.
 */
export const CORRUPTIONS: ReadonlyArray<{ name: string; apply: (record: Rec) => unknown }> = [
  { name: 'missing key', apply: ({ key: _key, ...rest }) => rest },
  {
    name: 'date as an object',
    apply: (record) => ({
      ...record,
      [firstField(record, /(?:Date|At)$/) ?? 'orderDate']: { date: '2024-01-01', timezone: 'UTC' },
    }),
  },
  {
    name: 'lineItems as a string',
    apply: (record) => ({ ...record, lineItems: 'see attachment' }),
  },
  {
    name: 'decimal as an object',
    apply: (record) => ({
      ...record,
      [firstField(record, /(?:Value|price|quantity|cost|rate)$/i) ?? 'totalNetValue']: {
        amount: '12.50',
        currency: 'EUR',
      },
    }),
  },
  { name: 'key as a number', apply: (record) => ({ ...record, key: 12_345 }) },
  { name: 'record not an object', apply: () => 'corrupted record' },
];

/** Breaks record text: `position` (in the whole list) picks the corruption, in turn. */
export function corruptRecord(json: string, position: number, every: number): string {
  if ((position + 1) % every !== 0) return json;
  const corruption = CORRUPTIONS[Math.floor(position / every) % CORRUPTIONS.length];
  const record = JSON.parse(json) as Rec;
  return JSON.stringify(corruption ? corruption.apply(record) : record);
}
