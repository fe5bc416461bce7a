/** The outcome of claiming a webhook id. */
export type ClaimResult =
  /**
   * First time seen: process it, renew the claim with `token` while that takes, then `complete`
   * (or `release` on failure) with the same `token`.
   */
  | {
      /** Claimed by this call. */
      status: 'claimed';
      /** The claim's owner token: pass it to `renew`, `complete` and `release`. */
      token: string;
    }
  /** Processed before: acknowledge without running the handler again. */
  | {
      /** Processed before. */
      status: 'done';
    }
  /** Another delivery holds the claim right now: answer so the sender retries later. */
  | {
      /** Claimed by another delivery. */
      status: 'in_progress';
    };

/**
 * Where processed webhook ids are remembered, so an event is handled once even when it is
 * delivered twice or to several instances behind a load balancer.
 *
 * A claim is a lease owned by the token `claim` returns. `renew`, `complete` and `release` act only
 * while that token still owns it: a delivery whose lease lapsed, and that another delivery has
 * claimed since, can neither extend, finish nor drop the new owner's claim.
 *
 * Lifetimes are milliseconds from 1 to `Number.MAX_SAFE_INTEGER`. The built-in stores reject
 * anything else (NaN, 0, a negative number, Infinity, a string) with a `RangeError` before touching
 * the id, rather than forget it at once and let the event run again.
 *
 * @example
 * const claim = await store.claim(id, 60_000);
 * if (claim.status === 'claimed') {
 *   await process(event); // meanwhile: await store.renew(id, claim.token, 60_000) every 20 s
 *   await store.complete(id, claim.token, 3 * 86_400_000);
 * }
 */
export interface DedupeStore {
  /**
   * Atomically claims `id` for `processingTtlMs` under a new random token, unless it is done or
   * claimed already. The lease lapses on its own, so a crashed instance's claim does not block
   * the event forever.
   */
  claim(id: string, processingTtlMs: number): Promise<ClaimResult>;
  /**
   * Extends the claim to `processingTtlMs` from now if `token` still owns it. `false` when it does
   * not (the lease lapsed, or another delivery holds it now): stop renewing then.
   */
  renew(id: string, token: string, processingTtlMs: number): Promise<boolean>;
  /**
   * Marks `id` done for `doneTtlMs`, so later deliveries are acknowledged without processing,
   * unless another delivery holds the claim now (that one will complete it) or it is done already.
   */
  complete(id: string, token: string, doneTtlMs: number): Promise<void>;
  /** Drops the claim after a failed handler, if `token` still owns it, so the sender's retry is processed. */
  release(id: string, token: string): Promise<void>;
}
