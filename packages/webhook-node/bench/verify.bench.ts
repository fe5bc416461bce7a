/**
 * Verifications per second in one run, read as ratios ("x times faster than"): verifyWebhook
 * (node:crypto and WebCrypto), the synchronous safeVerifyWebhook, the signature check alone, the
 * standardwebhooks, svix and stripe packages, and a bare node:crypto HMAC + timingSafeEqual floor
 * with and without JSON.parse. Payloads of 1 KiB and 64 KiB; valid, invalid (wrong signature) and
 * malformed (no signature header). `ratios.ts` measures the same round-robin, as ratios to the floor.
 */
import { describe, bench as vitestBench } from 'vitest';
import {
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

/** A second per contender: on a noisy machine, a longer sample steadies the ratios. */
const bench = (name: string, run: NonNullable<Parameters<typeof vitestBench>[1]>) =>
  vitestBench(name, run, { time: 1000, warmupTime: 200 });

const small = await fixtures(1024);
const large = await fixtures(64 * 1024);

for (const [label, f] of [
  ['1 KiB', small],
  ['64 KiB', large],
] as const) {
  describe(`${label}, valid`, () => {
    bench('floor: node:crypto HMAC + timingSafeEqual', () => floor(f, false));
    bench('floor + JSON.parse', () => floor(f, true));
    bench('verifyWebhookSignature (node:crypto)', async () => {
      await nodeEntry.verifyWebhookSignature({
        payload: f.payload,
        headers: f.headers,
        secret: SECRET,
      });
    });
    bench('safeVerifyWebhookSignature (node:crypto, synchronous)', () => {
      const result = nodeEntry.safeVerifyWebhookSignature({
        payload: f.payload,
        headers: f.headers,
        secret: SECRET,
      });
      if (!result.ok) throw result.toError();
    });
    bench('verifyWebhook (node:crypto: signature, JSON, schema)', async () => {
      await nodeEntry.verifyWebhook({ payload: f.payload, headers: f.headers, secret: SECRET });
    });
    bench('verifyWebhook (WebCrypto)', async () => {
      await webEntry.verifyWebhook({ payload: f.payload, headers: f.headers, secret: SECRET });
    });
    bench('standardwebhooks', () => {
      standard.verify(f.payload, f.headers);
    });
    bench('svix', () => {
      svix.verify(f.payload, f.svixHeaders);
    });
    bench('stripe', () => {
      stripe.webhooks.constructEvent(f.payload, f.stripeHeader, f.stripeSecret);
    });
  });

  describe(`${label}, invalid signature`, () => {
    bench('floor: node:crypto HMAC + timingSafeEqual', () =>
      swallow(() => floor({ ...f, signature: Buffer.alloc(32) }, false)),
    );
    bench('verifyWebhook (node:crypto)', () =>
      swallow(() =>
        nodeEntry.verifyWebhook({ payload: f.payload, headers: f.invalid, secret: SECRET }),
      ),
    );
    bench('standardwebhooks', () => swallow(() => standard.verify(f.payload, f.invalid)));
    bench('svix', () =>
      swallow(() =>
        svix.verify(f.payload, {
          ...f.svixHeaders,
          'svix-signature': f.invalid['webhook-signature'] ?? '',
        }),
      ),
    );
    bench('stripe', () =>
      swallow(() =>
        stripe.webhooks.constructEvent(f.payload, `${f.stripeHeader}0`, f.stripeSecret),
      ),
    );
  });
}

const receiver = nodeEntry.createWebhookHandler({
  secret: SECRET,
  on: {},
  onError: () => undefined,
});

/**
 * Refusing a malformed request costs about 0.1 µs, less than the harness's own cost per iteration
 * (two clock reads and a call, about 0.3 µs here). Every contender in this group therefore runs
 * BATCH times per iteration, so each ratio compares the work itself.
 */
const BATCH = 50;
const batch = (run: () => unknown) => () => {
  for (let round = 0; round < BATCH; round++) run();
};
const batchAsync = (run: () => Promise<unknown>) => async () => {
  for (let round = 0; round < BATCH; round++) await run();
};

for (const [label, f] of [
  ['1 KiB', small],
  ['64 KiB', large],
] as const) {
  const valid = { payload: f.payload, headers: f.headers, secret: SECRET };
  const malformed = { payload: f.payload, headers: f.malformed, secret: SECRET };
  describe(`${label}, malformed (no signature header) against a valid verification, ${BATCH} per iteration`, () => {
    bench(
      'safeVerifyWebhook, valid',
      batch(() => {
        if (!nodeEntry.safeVerifyWebhook({ ...valid }).ok)
          throw new Error('refused a valid webhook');
      }),
    );
    bench(
      'safeVerifyWebhook, malformed (a refusal value)',
      batch(() => {
        if (nodeEntry.safeVerifyWebhook({ ...malformed }).ok)
          throw new Error('accepted a malformed webhook');
      }),
    );
    bench(
      'verifyWebhook, valid',
      batchAsync(() => nodeEntry.verifyWebhook({ ...valid })),
    );
    bench(
      'verifyWebhook, malformed (a rejected promise)',
      batchAsync(() => nodeEntry.verifyWebhook({ ...malformed }).catch(() => undefined)),
    );
    bench(
      'webhook handler, malformed request refused (400)',
      batchAsync(() => receiver.handle({ payload: f.payload, headers: f.malformed })),
    );
    bench(
      'standardwebhooks, malformed',
      batch(() => swallow(() => standard.verify(f.payload, f.malformed))),
    );
  });
}
