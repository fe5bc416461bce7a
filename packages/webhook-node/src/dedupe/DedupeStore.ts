/** The outcome of claiming a webhook id. */
export type ClaimResult =
  /** First time seen: process it, then `complete` (or `release` on failure). */
  | 'claimed'
  /** Processed before: acknowledge without running the handler again. */
  | 'done'
  /** Another instance is processing it right now: answer so the sender retries later. */
  | 'in_progress';

/**
 * Where processed webhook ids are remembered, so an event is handled once even when it is
 * delivered twice or to several instances behind a load balancer.
 */
export interface DedupeStore {
  /** Atomically claims `id` for `processingTtlMs` (a crashed instance's claim then lapses). */
  claim(id: string, processingTtlMs: number): Promise<ClaimResult>;
  /** Marks `id` done for `doneTtlMs`; later deliveries are acknowledged without processing. */
  complete(id: string, doneTtlMs: number): Promise<void>;
  /** Drops the claim after a failed handler, so the sender's retry is processed. */
  release(id: string): Promise<void>;
}
