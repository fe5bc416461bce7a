import { describe, expect, it } from 'vitest';
import { plural } from './plural.js';

const ALL = { zero: 'zero', one: 'one', two: 'two', few: 'few', many: 'many', other: 'other' };

describe('plural', () => {
  it.each([
    [0, 'zero'],
    [1, 'one'],
    [2, 'two'],
    [3, 'few'],
    [10, 'few'],
    [11, 'many'],
    [99, 'many'],
    [100, 'other'],
    [102, 'other'],
    [103, 'few'],
  ])("picks Arabic's form for %i: %s", (count, form) => {
    expect(plural('ar', count, ALL)).toBe(form);
  });

  it('uses only `other` in Japanese', () => {
    for (const count of [0, 1, 2, 5, 100]) expect(plural('ja', count, ALL)).toBe('other');
  });

  it('picks one and other in German, and other for 0', () => {
    const forms = { one: '# Verbindung', other: '# Verbindungen' };
    expect(plural('de', 0, forms)).toBe('0 Verbindungen');
    expect(plural('de', 1, forms)).toBe('1 Verbindung');
    expect(plural('de', 2, forms)).toBe('2 Verbindungen');
  });

  it('treats 0 as singular in French, and takes many for a million', () => {
    const forms = { one: '# connexion', many: '# de connexions', other: '# connexions' };
    expect(plural('fr', 0, forms)).toBe('0 connexion');
    expect(plural('fr', 1, forms)).toBe('1 connexion');
    expect(plural('fr', 2, forms)).toBe('2 connexions');
    expect(plural('fr', 1_000_000, forms)).toBe(
      `${new Intl.NumberFormat('fr').format(1_000_000)} de connexions`,
    );
  });

  it('falls back to other when a language form is not given, and formats the count', () => {
    expect(plural('ar', 3, { other: '# x' })).toBe(`${new Intl.NumberFormat('ar').format(3)} x`);
    expect(plural('de', 1234, { one: '#', other: '# Stück' })).toBe('1.234 Stück');
  });
});
