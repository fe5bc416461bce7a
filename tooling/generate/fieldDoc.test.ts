import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldDoc, fieldWords } from './fieldDoc.js';
import { GENERATED_DIR } from './generate.js';

describe('fieldDoc', () => {
  it('spells out the words of a field name', () => {
    expect(fieldWords('totalNetValue')).toBe('total net value');
    expect(fieldWords('logo_url')).toBe('logo URL');
    expect(fieldWords('poKey')).toBe('purchase order key');
  });

  it("prefers the overlay's description and adds how to read the value", () => {
    expect(
      fieldDoc('price', { type: 'string', format: 'decimal', description: 'Unit price.' }),
    ).toBe('  /** Unit price. An exact decimal string; read it with `parseDecimal`. */\n');
    expect(fieldDoc('price', { type: 'string', description: 'Description' })).toBe(
      '  /** The price. */\n',
    );
  });

  it('names the record a key, a reference or a list refers to', () => {
    expect(fieldDoc('vendorKey', { type: 'string' })).toContain('The key of the related vendor.');
    expect(fieldDoc('siteKeys', { type: 'array' })).toContain(
      'The keys of the related site records.',
    );
    expect(fieldDoc('billingAddress', { $ref: '#/components/schemas/Address' })).toContain(
      'The billing address (see `Address`).',
    );
    expect(
      fieldDoc('lineItems', { type: 'array', items: { $ref: '#/components/schemas/POLineItem' } }),
    ).toContain('(each: see `POLineItem`)');
  });

  it('says when a timestamp happened and how to read a flag', () => {
    expect(fieldDoc('createdAt', { type: 'string', format: 'date-time' })).toContain(
      'When it was created.',
    );
    expect(fieldDoc('sync_updated_at', { type: 'string', format: 'date-time' })).toContain(
      'The sync updated time.',
    );
    expect(fieldDoc('isActive', { type: 'boolean' })).toContain(
      'Whether it is active; read it with `parseFlag`',
    );
  });

  it('leaves no field of a generated model without a doc comment', () => {
    const lines = readFileSync(join(GENERATED_DIR, 'schemas.ts'), 'utf8').split('\n');
    const bare: string[] = [];
    let inInterface = false;
    for (const [index, line] of lines.entries()) {
      if (line.startsWith('export interface ')) inInterface = true;
      else if (line === '}') inInterface = false;
      else if (inInterface && /^ {2}(readonly )?['\w[]/.test(line)) {
        if (!lines[index - 1]?.trimEnd().endsWith('*/')) bare.push(line.trim());
      }
    }
    expect(bare).toEqual([]);
  });
});
