/**
 * The file an `exports` value gives under a set of active conditions, by Node's algorithm (which
 * bundlers and TypeScript share): keys in written order, the first active one (or `default`) wins.
 * `undefined` when nothing matches.
 */
export function resolveExport(value: unknown, conditions: readonly string[]): string | undefined {
  if (typeof value === 'string') return value;
  if (!value || typeof value !== 'object') return undefined;
  for (const [key, target] of Object.entries(value)) {
    if (key !== 'default' && !conditions.includes(key)) continue;
    const resolved = resolveExport(target, conditions);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}
