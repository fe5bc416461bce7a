import type { ReconnectLinkRefusal } from '../messages/Messages.js';

const REFUSALS: ReadonlySet<string> = new Set<ReconnectLinkRefusal>([
  'LINK_EXPIRED',
  'LINK_USED',
  'LINK_INVALID',
  'LINK_WRONG_CONNECTION',
]);

/**
 * Why a link was refused, read from an error's `code` (a `ReconnectLinkError`, or what your back
 * end sent back of one); `undefined` when the error is not a refusal.
 */
export function refusalOf(error: unknown): ReconnectLinkRefusal | undefined {
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && REFUSALS.has(code)
    ? (code as ReconnectLinkRefusal)
    : undefined;
}
