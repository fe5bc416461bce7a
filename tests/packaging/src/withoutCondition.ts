/**
 * An `exports` value with one condition taken out at every depth, in the order it was written. What
 * is left of `{ condition, default: target }` is `target`, as a hand-written map would say it.
 */
export function withoutCondition(value: unknown, condition: string): unknown {
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([key]) => key !== condition);
  if (entries.length === 1 && entries[0]?.[0] === 'default' && condition in value)
    return withoutCondition(entries[0][1], condition);
  return Object.fromEntries(
    entries.map(([key, inner]) => [key, withoutCondition(inner, condition)]),
  );
}

/** Whether a condition appears anywhere in an `exports` value. */
export function hasCondition(value: unknown, condition: string): boolean {
  if (!value || typeof value !== 'object') return false;
  return Object.entries(value).some(
    ([key, inner]) => key === condition || hasCondition(inner, condition),
  );
}
