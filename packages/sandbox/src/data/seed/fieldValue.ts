import type { FieldModel } from '../../spec/FieldModel.js';
import { CITIES, CURRENCIES, SHIPPING_METHODS, TERMS } from '../catalog.js';
import type { Dice } from '../random.js';
import { CATEGORIES, CRITICALITIES, FIRST_NAMES, LAST_NAMES, ROLES } from './vocabulary.js';

/** Seeded records are spread from this date on, so the data never depends on "now". */
export const SEED_EPOCH = Date.UTC(2024, 0, 1, 6);
const DAY_MS = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

const person = (dice: Dice) => `${dice.pick(FIRST_NAMES)} ${dice.pick(LAST_NAMES)}`;

/** Text fields by name: what a real system would hold there. */
const TEXT: Record<string, (dice: Dice, index: number, noun: string) => string> = {
  title: (_dice, index, noun) => `${noun} ${index + 1}`,
  description: (dice, _index, noun) =>
    `${noun} for ${dice.pick(['maintenance', 'production', 'safety', 'tooling', 'stores'])}`,
  notes: (dice) =>
    dice.pick(['Deliver between 07:00 and 15:00.', 'Call before delivery.', 'Checked by QA.']),
  note: (dice) => dice.pick(['Released by planning.', 'Priority job.', 'Waiting for parts.']),
  type: (dice) => dice.pick(['standard', 'service', 'stock', 'non-stock']),
  priority: (dice) => String(dice.int(1, 5)),
  criticality: (dice) => dice.pick(CRITICALITIES),
  position: (dice) => `${dice.pick(['A', 'B', 'C'])}-${dice.int(1, 40)}-${dice.int(1, 6)}`,
  roleName: (dice) => dice.pick(ROLES),
  firstName: (dice) => dice.pick(FIRST_NAMES),
  middleName: () => '',
  lastName: (dice) => dice.pick(LAST_NAMES),
  contactPerson: person,
  addressee: person,
  categoryName: (dice) => dice.pick(CATEGORIES),
  manufacturerName: (dice) => dice.pick(['SKF', 'Festo', 'Siemens', 'Parker', 'Bosch Rexroth']),
  shippingMethod: (dice) => dice.pick(SHIPPING_METHODS),
  terms: (dice) => dice.pick(TERMS),
  currency: (dice) => dice.pick(CURRENCIES).code ?? 'EUR',
  status: (dice) => dice.pick(['active', 'inactive', 'draft']),
  sku: (dice) => `SKU-${dice.int(10_000, 99_999)}`,
  upc: (dice) => String(dice.int(100_000, 999_999)).padEnd(12, '0'),
  ean: (dice) => `57${String(dice.int(10_000_000, 99_999_999))}${dice.int(100, 999)}`,
  isbn: () => '',
  partNumber: (dice) => `PN-${dice.int(1000, 9999)}-${dice.int(10, 99)}`,
  lineRef: (dice) => `REF-${dice.int(100, 999)}`,
  subCode: () => '',
  lat: (dice) => (50 + dice.next() * 7).toFixed(5),
  lng: (dice) => (4 + dice.next() * 8).toFixed(5),
  phone: (dice) =>
    `+45 ${dice.int(20, 99)} ${dice.int(10, 99)} ${dice.int(10, 99)} ${dice.int(10, 99)}`,
  phones: (dice) =>
    `+45 ${dice.int(20, 99)} ${dice.int(10, 99)} ${dice.int(10, 99)} ${dice.int(10, 99)}`,
  email: (dice) => `${dice.pick(FIRST_NAMES).toLowerCase()}@customer.example`,
  emails: (dice) => `${dice.pick(FIRST_NAMES).toLowerCase()}@customer.example`,
  shipmentRequired: (dice) => (dice.chance(0.5) ? 'yes' : 'no'),
  drawingNo: (dice) => `DRW-${dice.int(1000, 9999)}`,
  drawingNumber: (dice) => `DRW-${dice.int(1000, 9999)}`,
  drawingPos: (dice) => String(dice.int(1, 30)),
  url: (dice) => `https://files.customer.example/doc/${dice.int(1000, 9999)}.pdf`,
  contentType: () => 'application/pdf',
  properties: () => '',
  orderNo: (_dice, index) => `${4_600_000_000 + index}`,
  orderNumber: (_dice, index) => `SO-${100_000 + index}`,
  invoiceNumber: (_dice, index) => `INV-${2024_00000 + index}`,
  shipmentNumber: (_dice, index) => `SHP-${70_000 + index}`,
  referenceNo: (dice) => `REF-${dice.int(10_000, 99_999)}`,
  referencePos: (dice) => String(dice.int(1, 20) * 10),
  positionNumber: (dice) => String(dice.int(1, 20) * 10),
  lineNo: (_dice, index) => String((index + 1) * 10),
};

/** Address fields from one of the seeded cities. */
export function cityFields(dice: Dice): Record<string, string> {
  const [country, city, postCode, state] = dice.pick(CITIES);
  return { country, city, postCode, state, addressLines: `${dice.int(1, 240)} Industrivej` };
}

/** A value for a scalar field (not a key, reference or nested record). */
export function scalarValue(field: FieldModel, dice: Dice, index: number, noun: string): unknown {
  const createdAt = SEED_EPOCH + index * DAY_MS;
  switch (field.kind) {
    case 'date':
      if (field.name === 'deletedAt') return null;
      if (field.name === 'createdAt') return iso(createdAt);
      return iso(createdAt + dice.int(0, 60) * DAY_MS + dice.int(0, 23) * 3_600_000);
    case 'boolean':
      return field.name === 'isActive' ? dice.chance(0.9) : dice.chance(0.3);
    case 'integer':
      return dice.int(1, 500);
    case 'decimal':
      if (/rate$/i.test(field.name)) return (0.5 + dice.next()).toFixed(4);
      if (/Percentage$/.test(field.name)) return `${dice.int(5, 25)}.00`;
      if (/quantity|Level|Point/i.test(field.name)) return String(dice.int(1, 400));
      return (dice.int(250, 250_000) / 100).toFixed(2);
    case 'any':
      return null;
    default: {
      const text = TEXT[field.name];
      if (text) return text(dice, index, noun);
      // A flag the spec types as text (`Currency.isBase`): the text ERPs send for one.
      if (/^is[A-Z]/.test(field.name)) return dice.chance(0.5) ? 'true' : 'false';
      const city = cityFields(dice)[field.name];
      if (city !== undefined) return city;
      return `${noun} ${field.name} ${index + 1}`;
    }
  }
}
