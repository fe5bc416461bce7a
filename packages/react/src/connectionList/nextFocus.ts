/**
 * Which row takes focus after `removed` goes: the first row after it that is still shown, else the
 * nearest one before it; `undefined` when none is left. `before` is the order when the removal
 * started; `now` what is shown now (the host may have changed the list meanwhile).
 */
export function nextFocus(
  before: readonly string[],
  removed: string,
  now: readonly string[],
): string | undefined {
  const shown = new Set(now);
  shown.delete(removed);
  const at = before.indexOf(removed);
  const isShown = (id: string) => shown.has(id);
  return (
    before.slice(at + 1).find(isShown) ??
    before.slice(0, Math.max(at, 0)).reverse().find(isShown) ??
    now.find((id) => id !== removed)
  );
}
