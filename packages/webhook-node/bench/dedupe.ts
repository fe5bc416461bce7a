/**
 * `MemoryDedupeStore` per webhook (claim, then complete) on an empty store and on a full one
 * (100,000 live ids, its default maximum), measured round-robin like `ratios.ts`. Processed ids are
 * kept for 3 days, so a receiver spends most of its life full: a full store has to cost about what
 * an empty one does.
 */
import { type DedupeStore, MemoryDedupeStore } from '../dist/index.js';

const FULL = 100_000;
const PROCESSING_TTL_MS = 60_000;
const DONE_TTL_MS = 3 * 86_400_000;
const ROUNDS = 40;
const BLOCK_MS = 4;

let sequence = 0;

/** What the handler asks of the store for one new event. */
async function webhook(store: DedupeStore) {
  const id = `evt_${sequence++}`;
  const claim = await store.claim(id, PROCESSING_TTL_MS);
  if (claim.status === 'claimed') await store.complete(id, claim.token, DONE_TTL_MS);
}

async function fullStore() {
  const store = new MemoryDedupeStore();
  for (let index = 0; index < FULL; index++) await webhook(store);
  return store;
}

/** Nanoseconds per webhook over `count` webhooks. */
async function timeBlock(store: DedupeStore, count: number) {
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await webhook(store);
  return Number(process.hrtime.bigint() - start) / count;
}

interface Case {
  name: string;
  /** The store one block runs on: a fresh empty one each time, or the same full one. */
  store: () => DedupeStore;
}

const full = await fullStore();
const cases: Case[] = [
  { name: 'empty store', store: () => new MemoryDedupeStore() },
  { name: `full store (${FULL.toLocaleString('en-US')} live ids)`, store: () => full },
];

const blockSizes: number[] = [];
for (const { store } of cases) {
  const perCall = await timeBlock(store(), 50); // also the warm-up
  blockSizes.push(Math.min(FULL / 2, Math.max(1, Math.round((BLOCK_MS * 1e6) / perCall))));
}
const samples: number[][] = cases.map(() => []);
for (let round = 0; round < ROUNDS; round++) {
  for (let offset = 0; offset < cases.length; offset++) {
    const index = (round + offset) % cases.length;
    samples[index]?.push(
      await timeBlock(cases[index]?.store() as DedupeStore, blockSizes[index] ?? 1),
    );
  }
}
const medians = samples.map((values) => values.sort((a, b) => a - b)[values.length >> 1] ?? NaN);

console.log(`MemoryDedupeStore, claim + complete per webhook, median of ${ROUNDS} rounds:`);
cases.forEach(({ name }, index) => {
  const ns = medians[index] ?? NaN;
  console.log(`  ${name.padEnd(28)} ${(ns / 1000).toFixed(2)} µs per webhook`);
});
const [empty = NaN, loaded = NaN] = medians;
console.log(`  full / empty: ${(loaded / empty).toFixed(2)}×`);
