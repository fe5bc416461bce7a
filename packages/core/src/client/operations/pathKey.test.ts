import { describe, expect, it } from 'vitest';
import { invalidPathKey, pathKey } from './pathKey.js';

describe('pathKey', () => {
  it('encodes a key as one path segment', () => {
    expect(pathKey('PO/2024 1')).toBe('PO%2F2024%201');
    expect(pathKey(42)).toBe('42');
    expect(invalidPathKey('GET', `/api/erp/purchase-orders/${pathKey('PO/1')}`)).toBeUndefined();
  });

  it('marks a key it cannot send, for the call to reject, instead of throwing', () => {
    for (const [key, got] of [
      ['', 'an empty string'],
      [undefined, 'undefined'],
      [null, 'null'],
      [{}, 'object'],
    ] as const) {
      const path = `/api/erp/purchase-orders/${pathKey(key as never)}/status`;
      const error = invalidPathKey('PUT', path);
      expect(error).toMatchObject({
        code: 'INVALID_ARGUMENT',
        argument: 'key',
        path: '/api/erp/purchase-orders/{key}/status',
      });
      expect(error?.message).toBe(
        `PUT /api/erp/purchase-orders/{key}/status: the key must be a non-empty string, got ${got}. Pass the record's \`key\` (or the table's name) as the API returned it.`,
      );
    }
  });

  it('never mistakes an encoded key for a mark', () => {
    expect(invalidPathKey('GET', `/x/${pathKey('\u0000a\u0000')}`)).toBeUndefined();
  });
});
