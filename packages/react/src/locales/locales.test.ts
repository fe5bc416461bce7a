import { describe, expect, it } from 'vitest';
import type { Messages } from '../messages/Messages.js';
import * as entry from './index.js';
import { ar, de, en, es, fr, ja, nl } from './index.js';

const LOCALES: Record<string, Messages> = { ar, de, es, fr, ja, nl };

/** Arguments a message function is called with: a count, or a text that must appear. */
const SAMPLES: Record<string, readonly unknown[]> = {
  count: [0, 1, 2, 3, 11, 100, 1_000_000],
};
const TEXT_SAMPLE = 'Σ-sample-42';

/** Every leaf of `value` with its dotted path. */
function leaves(value: unknown, path = ''): Array<[string, unknown]> {
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, child]) =>
      leaves(child, path ? `${path}.${key}` : key),
    );
  return [[path, value]];
}

function at(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => {
    if (typeof node !== 'object' || node === null) return undefined;
    return Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }, root);
}

/** Every path from the first object that the second lacks, or has with another kind. */
function problems(reference: unknown, locale: unknown): string[] {
  const found: string[] = [];
  for (const [path, expected] of leaves(reference)) {
    const actual = at(locale, path);
    if (actual === undefined) found.push(`${path}: missing`);
    else if (typeof actual !== typeof expected)
      found.push(`${path}: a ${typeof actual}, English has a ${typeof expected}`);
    else if (typeof expected === 'string' && (actual as string).trim() === '')
      found.push(`${path}: empty`);
    else if (typeof expected === 'function') {
      const fn = actual as (...args: unknown[]) => unknown;
      if (fn.length !== (expected as () => unknown).length)
        found.push(`${path}: takes ${fn.length} arguments, English takes ${expected.length}`);
      const key = path.split('.').at(-1) ?? '';
      for (const sample of SAMPLES[key] ?? [TEXT_SAMPLE]) {
        const text = fn(sample);
        if (typeof text !== 'string' || text.trim() === '' || text === String(sample))
          found.push(`${path}(${String(sample)}): returned ${JSON.stringify(text)}`);
        else if (typeof sample === 'string' && !text.includes(sample))
          found.push(`${path}(${sample}): the argument is not in ${JSON.stringify(text)}`);
      }
    }
  }
  // Keys English does not have are typos or leftovers of a renamed key.
  for (const [path] of leaves(locale))
    if (at(reference, path) === undefined) found.push(`${path}: not a key English has`);
  return found;
}

describe('locales', () => {
  it('exports every language and plural (any change here is an API change)', () => {
    expect(Object.keys(entry).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'nl', 'plural']);
  });

  it.each(Object.entries(LOCALES))('%s has every key English has, of the same kind', (_, m) => {
    expect(problems(en, m)).toEqual([]);
  });

  it('finds a missing key, a wrong arity and a function that ignores its argument', () => {
    const broken = { ...de, list: { ...de.list, count: undefined } };
    expect(problems(en, broken)).toContain('list.count: missing');
    expect(problems(en, { ...de, status: { ...de.status, lastSync: () => 'x' } })).toEqual([
      'status.lastSync: takes 0 arguments, English takes 1',
      `status.lastSync(${TEXT_SAMPLE}): the argument is not in "x"`,
    ]);
    expect(
      problems(en, { ...de, reconnect: { ...de.reconnect, states: { idle: 'x' } } }),
    ).toContain('reconnect.states.opening: missing');
  });

  it.each(Object.entries(LOCALES))('%s names its locale and direction', (tag, m) => {
    expect(m.locale).toBe(tag);
    expect(new Intl.Locale(m.locale).language).toBe(tag);
    expect(m.dir).toBe(tag === 'ar' ? 'rtl' : 'ltr');
  });

  it.each(Object.entries(LOCALES))('%s is translated, not English', (_, m) => {
    const english = leaves(en).filter(([, value]) => typeof value === 'string');
    const same = english.filter(([path, value]) => path !== 'dir' && at(m, path) === value);
    // A few words are the same in some languages ("Status", "System"), never most of them.
    expect(same.length).toBeLessThan(english.length / 10);
  });

  it.each(Object.entries(LOCALES))(
    '%s gives each plural category of its language its own form',
    (_, m) => {
      const rules = new Intl.PluralRules(m.locale);
      const number = new Intl.NumberFormat(m.locale);
      const formFor = new Map<string, string>();
      for (const count of [0, 1, 2, 3, 5, 11, 21, 100, 101, 1_000_000]) {
        const form = m.list.count(count).replace(number.format(count), '#');
        const category = rules.select(count);
        expect(formFor.get(category) ?? form, `${m.locale} ${count}`).toBe(form);
        formFor.set(category, form);
      }
      const forms = [...formFor.values()];
      expect(new Set(forms).size, `${m.locale}: ${forms.join(' | ')}`).toBe(formFor.size);
      expect([...formFor.keys()].sort()).toEqual(
        [...rules.resolvedOptions().pluralCategories].sort(),
      );
    },
  );
});
