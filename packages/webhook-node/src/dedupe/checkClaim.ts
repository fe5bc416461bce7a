import type { ClaimResult } from './DedupeStore.js';

const MIGRATION =
  'A DedupeStore claims with an owner token: claim(id, ttlMs) returns { status: "claimed", token } | { status: "done" } | { status: "in_progress" }, and renew(id, token, ttlMs), release(id, token) and complete(id, token, ttlMs) act only for that token (see the webhook-node README, Deduplication).';

/**
 * Why `store` cannot be a dedupe store, or `undefined`: a store written for the interface before
 * owner tokens lacks `renew`, and would otherwise let every delivery run (TypeScript catches it; a
 * JavaScript caller would not know).
 */
export function dedupeStoreProblem(store: unknown): string | undefined {
  const methods = ['claim', 'renew', 'release', 'complete'] as const;
  const missing = methods.filter(
    (name) => typeof (store as Record<string, unknown> | null)?.[name] !== 'function',
  );
  if (missing.length === 0) return undefined;
  return `dedupe has no ${missing.map((name) => `${name}()`).join(', ')}. ${MIGRATION}`;
}

/** A claim's answer as the handler relies on it; anything else is the store's fault, said plainly. */
export function checkClaim(claim: unknown): ClaimResult {
  const value = claim as Partial<Record<'status' | 'token', unknown>> | null;
  if (value?.status === 'done' || value?.status === 'in_progress') return value as ClaimResult;
  if (value?.status === 'claimed' && typeof value.token === 'string' && value.token !== '') {
    return value as ClaimResult;
  }
  throw new TypeError(`dedupe.claim() answered ${JSON.stringify(claim)}. ${MIGRATION}`);
}
