/**
 * The package's performance targets, measured round-robin: every contender runs one short block
 * per round, in rotating order, and the median over the rounds is kept. A noisy neighbour then
 * slows every contender alike instead of whichever ran during the burst, which steadies the
 * ratios more than longer samples do. Prints each target and whether this run met it.
 */
import { type Fixture, fixtures, floor, nodeEntry, SECRET, standard, swallow } from './fixtures.js';

interface Contender {
  name: string;
  run: () => unknown;
}

const ROUNDS = 40;
const BLOCK_MS = 4;

async function timeBlock(run: () => unknown, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let index = 0; index < count; index++) {
    const result = run();
    if (result instanceof Promise) await result;
  }
  return Number(process.hrtime.bigint() - start) / count;
}

/** Nanoseconds per call, the median over the rounds, for each contender. */
async function measure(contenders: Contender[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const { name, run } of contenders) {
    const perCall = await timeBlock(run, 200); // also the warm-up
    counts.set(name, Math.max(1, Math.round((BLOCK_MS * 1e6) / perCall)));
  }
  const samples = new Map<string, number[]>(contenders.map(({ name }) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (let offset = 0; offset < contenders.length; offset++) {
      const { name, run } = contenders[(round + offset) % contenders.length] as Contender;
      samples.get(name)?.push(await timeBlock(run, counts.get(name) ?? 1));
    }
  }
  return new Map(
    [...samples].map(([name, values]) => {
      const sorted = values.sort((a, b) => a - b);
      return [name, sorted[sorted.length >> 1] ?? Number.NaN];
    }),
  );
}

function contenders(f: Fixture): Contender[] {
  const valid = { payload: f.payload, headers: f.headers, secret: SECRET };
  const malformed = { payload: f.payload, headers: f.malformed, secret: SECRET };
  return [
    { name: 'floor', run: () => floor(f, false) },
    {
      name: 'safeVerifyWebhookSignature',
      run: () => nodeEntry.safeVerifyWebhookSignature({ ...valid }),
    },
    { name: 'verifyWebhookSignature', run: () => nodeEntry.verifyWebhookSignature({ ...valid }) },
    { name: 'verifyWebhook', run: () => nodeEntry.verifyWebhook({ ...valid }) },
    { name: 'safeVerifyWebhook', run: () => nodeEntry.safeVerifyWebhook({ ...valid }) },
    {
      name: 'safeVerifyWebhook, malformed',
      run: () => nodeEntry.safeVerifyWebhook({ ...malformed }),
    },
    { name: 'standardwebhooks', run: () => swallow(() => standard.verify(f.payload, f.headers)) },
  ];
}

const rows: string[][] = [['payload', 'target', 'measured', 'goal', '']];
for (const [label, size] of [
  ['1 KiB', 1024],
  ['64 KiB', 64 * 1024],
] as const) {
  const ns = await measure(contenders(await fixtures(size)));
  const at = (name: string) => ns.get(name) ?? Number.NaN;
  const target = (text: string, ratio: number, goal: number) =>
    rows.push([label, text, `${ratio.toFixed(2)}×`, `≥ ${goal}×`, ratio >= goal ? 'met' : 'BELOW']);
  target(
    'signature check alone vs the floor (safeVerifyWebhookSignature)',
    at('floor') / at('safeVerifyWebhookSignature'),
    0.8,
  );
  target(
    'signature check alone vs the floor (verifyWebhookSignature)',
    at('floor') / at('verifyWebhookSignature'),
    0.8,
  );
  target('verifyWebhook vs standardwebhooks', at('standardwebhooks') / at('verifyWebhook'), 2);
  target(
    'malformed refused vs a valid one verified (safeVerifyWebhook)',
    at('safeVerifyWebhook') / at('safeVerifyWebhook, malformed'),
    100,
  );
  target(
    'malformed refused vs a valid one verified (verifyWebhook)',
    at('verifyWebhook') / at('safeVerifyWebhook, malformed'),
    100,
  );
  console.log(
    `${label}: ${[...ns].map(([name, value]) => `${name} ${value < 1000 ? `${value.toFixed(0)} ns` : `${(value / 1000).toFixed(2)} µs`}`).join(', ')}`,
  );
}

const widths =
  rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
console.log(`\nTargets, round-robin over ${ROUNDS} rounds (median):`);
for (const row of rows)
  console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
