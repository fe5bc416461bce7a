/**
 * Every contender as a ratio to the floor, then the package's targets, measured round-robin:
 * each contender runs one short block per round, in rotating order, and the median over the
 * rounds is kept. A noisy neighbour then slows every contender alike instead of whichever ran
 * during the burst, which steadies the ratios more than longer samples do.
 */
import {
  type Fixture,
  fixtures,
  floor,
  nodeEntry,
  SECRET,
  standard,
  stripe,
  svix,
  swallow,
  webEntry,
} from './fixtures.js';

const receiver = nodeEntry.createWebhookHandler({
  secret: SECRET,
  on: {},
  onError: () => undefined,
});

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
    const perCall = await timeBlock(run, 50); // also the warm-up
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

/** What each one is given: valid, a wrong signature, or no signature header (malformed). */
function contenders(f: Fixture): Contender[] {
  const options = (headers: Record<string, string>) => ({
    payload: f.payload,
    headers,
    secret: SECRET,
  });
  const valid = options(f.headers);
  const invalid = options(f.invalid);
  const malformed = options(f.malformed);
  const svixInvalid = { ...f.svixHeaders, 'svix-signature': f.invalid['webhook-signature'] ?? '' };
  const { 'svix-signature': _, ...svixMalformed } = f.svixHeaders;
  const stripeVerify = (header: string) => () =>
    swallow(() => stripe.webhooks.constructEvent(f.payload, header, f.stripeSecret));
  return [
    { name: 'floor: node:crypto HMAC + timingSafeEqual', run: () => floor(f, false) },
    { name: 'floor + JSON.parse', run: () => floor(f, true) },
    {
      name: 'safeVerifyWebhookSignature',
      run: () => nodeEntry.safeVerifyWebhookSignature({ ...valid }),
    },
    { name: 'verifyWebhookSignature', run: () => nodeEntry.verifyWebhookSignature({ ...valid }) },
    { name: 'safeVerifyWebhook', run: () => nodeEntry.safeVerifyWebhook({ ...valid }) },
    { name: 'verifyWebhook', run: () => nodeEntry.verifyWebhook({ ...valid }) },
    { name: 'verifyWebhook (WebCrypto)', run: () => webEntry.verifyWebhook({ ...valid }) },
    { name: 'standardwebhooks', run: () => standard.verify(f.payload, f.headers) },
    { name: 'svix', run: () => svix.verify(f.payload, f.svixHeaders) },
    { name: 'stripe', run: stripeVerify(f.stripeHeader) },
    { name: 'invalid: safeVerifyWebhook', run: () => nodeEntry.safeVerifyWebhook({ ...invalid }) },
    {
      name: 'invalid: verifyWebhook',
      run: () => swallow(() => nodeEntry.verifyWebhook({ ...invalid })),
    },
    {
      name: 'invalid: standardwebhooks',
      run: () => swallow(() => standard.verify(f.payload, f.invalid)),
    },
    { name: 'invalid: svix', run: () => swallow(() => svix.verify(f.payload, svixInvalid)) },
    { name: 'invalid: stripe', run: stripeVerify(`${f.stripeHeader}0`) },
    {
      name: 'malformed: safeVerifyWebhook',
      run: () => nodeEntry.safeVerifyWebhook({ ...malformed }),
    },
    {
      name: 'malformed: verifyWebhook',
      run: () => swallow(() => nodeEntry.verifyWebhook({ ...malformed })),
    },
    {
      name: 'malformed: webhook handler (400)',
      run: () => receiver.handle({ payload: f.payload, headers: f.malformed }),
    },
    {
      name: 'malformed: standardwebhooks',
      run: () => swallow(() => standard.verify(f.payload, f.malformed)),
    },
    { name: 'malformed: svix', run: () => swallow(() => svix.verify(f.payload, svixMalformed)) },
    { name: 'malformed: stripe', run: stripeVerify('') },
  ];
}

function table(rows: string[][]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '))
    .join('\n');
}

const perCall = (ns: number) =>
  ns < 1000 ? `${ns.toFixed(0)} ns` : `${(ns / 1000).toFixed(2)} µs`;
const targets: string[][] = [['payload', 'target', 'measured', 'goal', '']];

for (const [label, size] of [
  ['1 KiB', 1024],
  ['64 KiB', 64 * 1024],
] as const) {
  const ns = await measure(contenders(await fixtures(size)));
  const at = (name: string) => ns.get(name) ?? Number.NaN;
  const floorNs = at('floor: node:crypto HMAC + timingSafeEqual');
  console.log(
    `\n${label}, round-robin over ${ROUNDS} rounds (median); × floor = floor time / this time:`,
  );
  console.log(
    table([
      ['contender', 'per call', 'per second', '× floor'],
      ...[...ns].map(([name, value]) => [
        name,
        perCall(value),
        Math.round(1e9 / value).toLocaleString('en-US'),
        `${(floorNs / value).toFixed(2)}×`,
      ]),
    ]),
  );
  const target = (text: string, ratio: number, goal: number) =>
    targets.push([
      label,
      text,
      `${ratio.toFixed(2)}×`,
      `≥ ${goal}×`,
      ratio >= goal ? 'met' : 'BELOW',
    ]);
  target(
    'signature check alone vs the floor (safeVerifyWebhookSignature)',
    floorNs / at('safeVerifyWebhookSignature'),
    0.8,
  );
  target(
    'signature check alone vs the floor (verifyWebhookSignature)',
    floorNs / at('verifyWebhookSignature'),
    0.8,
  );
  target('verifyWebhook vs standardwebhooks', at('standardwebhooks') / at('verifyWebhook'), 2);
  target(
    'malformed refused vs a valid one verified (safeVerifyWebhook)',
    at('safeVerifyWebhook') / at('malformed: safeVerifyWebhook'),
    100,
  );
  target(
    'malformed refused vs a valid one verified (verifyWebhook)',
    at('verifyWebhook') / at('malformed: safeVerifyWebhook'),
    100,
  );
}

console.log(`\nTargets:\n${table(targets)}`);
