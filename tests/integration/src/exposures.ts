import { inspect } from 'node:util';

/** Every string reachable from `value` through own properties (enumerable or not, symbols too). */
function walk(value: unknown, found: string[], seen = new Set<unknown>()): void {
  if (typeof value === 'string') {
    found.push(value);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (value instanceof Map) {
    for (const [key, item] of value) {
      walk(key, found, seen);
      walk(item, found, seen);
    }
  }
  if (value instanceof Set) for (const item of value) walk(item, found, seen);
  for (const key of Reflect.ownKeys(value)) {
    let item: unknown;
    try {
      item = (value as Record<PropertyKey, unknown>)[key];
    } catch {
      continue;
    }
    walk(item, found, seen);
  }
}

const attempt = (print: () => string | undefined) => {
  try {
    return print() ?? '';
  } catch (caught) {
    return `(threw ${String(caught)})`;
  }
};

/**
 * Everything a logger, a crash print or a serializer could show of an error: `util.inspect` with
 * and without its custom inspector (Node's fatal print ignores it), `JSON.stringify`, a spread
 * copy (`{ ...error }`, what pino's serializer and many loggers take), `String()`, `message`,
 * `stack`, a structured clone, and a walk of every own property down the `cause` chain.
 */
export function exposures(value: unknown): string {
  const found: string[] = [];
  walk(value, found);
  const clone = attempt(() => inspect(structuredClone(value), { depth: Number.POSITIVE_INFINITY }));
  return [
    attempt(() => inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true })),
    attempt(() =>
      inspect(value, { depth: Number.POSITIVE_INFINITY, showHidden: true, customInspect: false }),
    ),
    attempt(() => JSON.stringify(value)),
    attempt(() => JSON.stringify({ ...(value as object) })),
    attempt(() => String(value)),
    attempt(() => (value as Error).message),
    attempt(() => (value as Error).stack),
    clone,
    ...found,
  ].join('\n');
}

/** Fails naming where a secret showed. */
export function expectNoSecret(value: unknown, secrets: ReadonlyArray<string | null | undefined>) {
  const printed = exposures(value);
  for (const secret of secrets) {
    if (!secret) throw new Error('a secret under test is empty: the test would prove nothing');
    const at = printed.indexOf(secret);
    if (at >= 0) {
      throw new Error(
        `a secret is exposed: …${printed.slice(Math.max(0, at - 160), at)}<THE SECRET>${printed.slice(at + secret.length, at + secret.length + 40)}…`,
      );
    }
  }
}
