import type { Reply } from '../http/Reply.js';

/** A first reply kept for its `Idempotency-Key`, with the request's fingerprint. */
export interface IdempotentReply {
  fingerprint: string;
  reply: Reply;
}

interface Entry extends IdempotentReply {
  /** When the key was first used, on the sandbox clock. */
  at: number;
  /** The reply's approximate size: its JSON text's length. */
  bytes: number;
}

/** Bounds of an `IdempotencyStore`; each has a default. */
export interface IdempotencyLimits {
  ttlMs?: number;
  maxKeys?: number;
  maxBytes?: number;
}

/** How long a key is kept: Stripe keeps idempotency keys for 24 hours. */
export const IDEMPOTENCY_TTL_MS = 86_400_000;
/** Keys kept per connection before the least recently used is forgotten. */
export const IDEMPOTENCY_MAX_KEYS = 1000;
/** Reply text kept per connection before the least recently used key is forgotten. */
export const IDEMPOTENCY_MAX_BYTES = 16 * 1024 * 1024;

/**
 * One connection's first replies by `Idempotency-Key`, bounded so a client that sends a new key
 * with every write cannot grow the sandbox without end: a key expires `ttlMs` after its first use
 * (on the sandbox clock), and past `maxKeys` keys or `maxBytes` of replies the least recently used
 * key is forgotten. A forgotten key is new again: its next write is applied.
 *
 * @example
 * const store = new IdempotencyStore({ ttlMs: 1000, maxKeys: 2 });
 * store.set('k1', { fingerprint: 'f', reply: { status: 200, json: {} } }, Date.now());
 * store.get('k1', Date.now())?.fingerprint; // 'f'
 */
export class IdempotencyStore {
  /** In least-recently-used order: a read or write moves a key to the end. */
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly ttlMs: number;
  private readonly maxKeys: number;
  private readonly maxBytes: number;

  constructor(limits: IdempotencyLimits = {}) {
    this.ttlMs = limits.ttlMs ?? IDEMPOTENCY_TTL_MS;
    this.maxKeys = Math.max(1, limits.maxKeys ?? IDEMPOTENCY_MAX_KEYS);
    this.maxBytes = limits.maxBytes ?? IDEMPOTENCY_MAX_BYTES;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The first reply for a key still kept at `now`. */
  get(key: string, now: number): IdempotentReply | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (now - entry.at >= this.ttlMs) {
      this.bytes -= entry.bytes;
      return undefined;
    }
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, value: IdempotentReply, now: number): void {
    const previous = this.entries.get(key);
    if (previous) {
      this.entries.delete(key);
      this.bytes -= previous.bytes;
    }
    const bytes = JSON.stringify(value.reply).length + key.length;
    this.entries.set(key, { ...value, at: now, bytes });
    this.bytes += bytes;
    this.evict(now);
  }

  /** Drops expired keys, then the least recently used until within both bounds. */
  private evict(now: number) {
    for (const [key, entry] of this.entries) {
      if (now - entry.at < this.ttlMs) continue;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxKeys && this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}
