/**
 * Deterministic randomness: every generated value is a pure function of (seed, path), so any record
 * can be produced on demand, in any order, without generating the ones before it.
 */

/** 32-bit FNV-1a of a string, mixed with the seed. */
function hashString(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** mulberry32: a small, fast PRNG with a 32-bit state; good enough for fixtures and fault dice. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Helpers over one deterministic stream, named for what fixtures need. */
export class Dice {
  readonly next: () => number;

  constructor(seed: number, ...path: Array<string | number>) {
    this.next = createRandom(hashString(path.join('/'), seed));
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('Dice.pick needs a non-empty list.');
    return item;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}
