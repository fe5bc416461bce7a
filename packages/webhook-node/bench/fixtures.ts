// What every benchmark here shares: the secret, the competitors, the signed fixtures and the floor.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import Stripe from 'stripe';
import { Webhook as SvixWebhook } from 'svix';
// The built package, as users run it: a test runner's source transform turns every call across
// modules into a property read, which alone costs more than refusing a malformed request.
import * as nodeEntry from '../dist/index.js';

export * as webEntry from '../dist/index.web.js';
export { nodeEntry };

export const SECRET = `whsec_${Buffer.from('benchmark-secret-benchmark-secret').toString('base64')}`;
export const KEY = Buffer.from(SECRET.slice(6), 'base64');
export const stripe = new Stripe('sk_test_bench');
export const standard = new StandardWebhook(SECRET);
export const svix = new SvixWebhook(SECRET);

function eventOfSize(bytes: number): string {
  const base = {
    id: 'evt_bench',
    type: 'connection.reauthorization_required',
    created_at: '2026-11-26T12:00:00Z',
    connection_id: '09000000000001',
    data: {
      reason: 'The credentials were changed.',
      status: 'reauthorization_required',
      padding: '',
    },
  };
  base.data.padding = 'x'.repeat(Math.max(0, bytes - JSON.stringify(base).length));
  return JSON.stringify(base);
}

export async function fixtures(size: number) {
  const payload = eventOfSize(size);
  const timestamp = Math.floor(Date.now() / 1000);
  const signed = await nodeEntry.signWebhook({
    payload,
    secret: SECRET,
    id: 'msg_bench',
    timestamp,
  });
  const headers = signed.headers;
  const invalid = {
    ...headers,
    'webhook-signature': `v1,${Buffer.alloc(32, 7).toString('base64')}`,
  };
  const { 'webhook-signature': _, ...malformed } = headers;
  const svixHeaders = {
    'svix-id': headers['webhook-id'] ?? '',
    'svix-timestamp': headers['webhook-timestamp'] ?? '',
    'svix-signature': headers['webhook-signature'] ?? '',
  };
  const stripeSecret = 'whsec_stripe_bench';
  const stripeHeader = stripe.webhooks.generateTestHeaderString({
    payload,
    secret: stripeSecret,
    timestamp,
  });
  const signature = Buffer.from((headers['webhook-signature'] ?? '').slice(3), 'base64');
  return {
    payload,
    headers,
    invalid,
    malformed,
    svixHeaders,
    stripeSecret,
    stripeHeader,
    signature,
  };
}

export type Fixture = Awaited<ReturnType<typeof fixtures>>;

/** The floor: a bare node:crypto HMAC and timingSafeEqual over pre-decoded inputs, optionally JSON.parse. */
export function floor(f: Fixture, parse: boolean) {
  const digest = createHmac('sha256', KEY)
    .update(`${f.headers['webhook-id']}.${f.headers['webhook-timestamp']}.`)
    .update(f.payload)
    .digest();
  if (!timingSafeEqual(digest, f.signature)) throw new Error('floor mismatch');
  if (parse) JSON.parse(f.payload);
}

/** Runs `run`, ignoring what it throws or rejects with: for contenders that refuse by throwing. */
export const swallow = (run: () => unknown) => {
  try {
    const result = run();
    if (result instanceof Promise) return result.catch(() => undefined);
  } catch {}
  return undefined;
};
