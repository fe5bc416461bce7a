import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';
import { pathKey, resolvePath } from './pathKey.js';

const STATUS = '/api/erp/purchase-orders/{key}/status';

describe('pathKey', () => {
  it('encodes a key as one path segment', () => {
    expect(pathKey('PO/2024 1')).toBe('PO%2F2024%201');
    expect(pathKey(42)).toBe('42');
    expect(pathKey('...')).toBe('...');
    expect(pathKey('a.b')).toBe('a.b');
    expect(pathKey('\ud83d\ude00')).toBe('%F0%9F%98%80');
  });

  it.each([
    ['', /got an empty string/],
    [undefined, /got undefined/],
    [null, /got null/],
    [{}, /got object/],
    ['.', /must not be "\."/],
    ['..', /must not be "\.\."/],
    ['\ud800', /lone UTF-16 surrogate/],
    ['PO-\udc00', /lone UTF-16 surrogate/],
  ] as const)('refuses %j with InvalidArgumentError saying why', (key, why) => {
    let caught: unknown;
    try {
      pathKey(key as never);
    } catch (error) {
      caught = error;
    }
    expect(InvalidArgumentError.is(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'key' });
    expect((caught as Error).message).toMatch(why);
    expect((caught as Error).message).not.toMatch(/URIError|URI malformed/);
  });
});

describe('resolvePath', () => {
  it('fills a template in with encoded params', () => {
    expect(resolvePath('PUT', { template: STATUS, params: { key: 'PO/1' } })).toBe(
      '/api/erp/purchase-orders/PO%2F1/status',
    );
    expect(resolvePath('GET', '/already/built')).toBe('/already/built');
  });

  it('names the method and the template with {key} for a key it refuses', () => {
    for (const [key, got] of [
      ['', 'must be a non-empty string, got an empty string'],
      [undefined, 'must be a non-empty string, got undefined'],
      ['..', 'must not be ".."'],
    ] as const) {
      let caught: unknown;
      try {
        resolvePath('PUT', { template: STATUS, params: { key } });
      } catch (error) {
        caught = error;
      }
      expect(caught).toMatchObject({ argument: 'key', method: 'PUT', path: STATUS });
      expect((caught as Error).message).toMatch(`PUT ${STATUS}: the key ${got}`);
      expect((caught as Error).message).toMatch(/as the API returned it/);
    }
    expect(() =>
      resolvePath('GET', { template: '/api/raw/tables/{table}/data', params: { table: '.' } }),
    ).toThrow('GET /api/raw/tables/{key}/data: the key must not be "."');
  });
});
