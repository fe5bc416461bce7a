import { MAX_HEALTH_TEXT_LENGTH } from './healthLimits.js';

/**
 * `text` cut to {@link MAX_HEALTH_TEXT_LENGTH} (ending in `…`), so the entry it goes into is one
 * other replicas accept; `undefined` stays `undefined`.
 */
export function cutHealthText<T extends string | undefined>(text: T): T {
  if (text === undefined || text.length <= MAX_HEALTH_TEXT_LENGTH) return text;
  let end = MAX_HEALTH_TEXT_LENGTH - 1;
  // Never keep half of a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…` as T;
}
