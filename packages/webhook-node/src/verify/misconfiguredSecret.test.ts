import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import * as nodeEntry from '../index.js';
import * as webEntry from '../index.web.js';
import { WebhookVerificationError } from './WebhookVerificationError.js';

const event = {
  id: 'evt_1',
  type: 'sync.completed',
  created_at: new Date().toISOString(),
  connection_id: 'c_1',
  data: { sync_status: 'done' },
};
const body = JSON.stringify(event);

describe('what a secret means', () => {
  it.each([
    ['node:crypto', nodeEntry],
    ['WebCrypto', webEntry],
  ] as const)(
    'verifies what standardwebhooks signs, for a secret with and without whsec_ (%s)',
    async (_, entry) => {
      const base64 = randomBytes(32).toString('base64');
      for (const signedWith of [base64, `whsec_${base64}`]) {
        const seconds = Math.floor(Date.now() / 1000);
        const signature = new StandardWebhook(signedWith).sign(
          'msg_1',
          new Date(seconds * 1000),
          body,
        );
        const headers = {
          'webhook-id': 'msg_1',
          'webhook-timestamp': String(seconds),
          'webhook-signature': signature,
        };
        for (const secret of [base64, `whsec_${base64}`]) {
          const verified = await entry.verifyWebhook({ payload: body, headers, secret });
          expect(verified.id, `signed with ${signedWith}, verified with ${secret}`).toBe('evt_1');
        }
      }
    },
  );

  it.each([
    ['node:crypto', nodeEntry],
    ['WebCrypto', webEntry],
  ] as const)(
    'signs what standardwebhooks verifies, for a secret with and without whsec_ (%s)',
    async (_, entry) => {
      const base64 = randomBytes(24).toString('base64');
      for (const secret of [base64, `whsec_${base64}`]) {
        const { payload, headers } = await entry.signWebhook({ payload: body, secret });
        for (const verifiedWith of [base64, `whsec_${base64}`]) {
          expect(new StandardWebhook(verifiedWith).verify(payload, headers)).toEqual(event);
        }
      }
    },
  );

  it('refuses a secret that is not base64 as INVALID_SECRET, naming the fix', async () => {
    const { headers } = await nodeEntry.signWebhook({
      payload: body,
      secret: `whsec_${randomBytes(32).toString('base64')}`,
    });
    for (const secret of ['my endpoint secret', 'whsec_***', 'c2VjcmV0']) {
      const result = nodeEntry.safeVerifyWebhook({ payload: body, headers, secret });
      if (secret === 'c2VjcmV0') {
        // Valid base64 ("secret"): a real key, just the wrong one.
        expect(result).toMatchObject({ ok: false, code: 'NO_MATCHING_SIGNATURE' });
        continue;
      }
      expect(result).toMatchObject({ ok: false, code: 'INVALID_SECRET' });
      if (!result.ok) expect(result.message).toMatch(/base64/);
    }
  });
});

describe('createWebhookHandler secrets', () => {
  const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

  it.each([
    ['an empty string', ''],
    ['text that is not base64', 'my endpoint secret'],
    ['whsec_ and text that is not base64', 'whsec_***'],
    ['a null in a rotation array', [SECRET, null]],
    ['an empty rotation array', []],
    ['a number', 42],
    ['nothing', undefined],
  ])('throws a typed error at construction for %s', (_, secret) => {
    let thrown: unknown;
    try {
      nodeEntry.createWebhookHandler({ secret: secret as string, on: {} });
    } catch (error) {
      thrown = error;
    }
    expect(WebhookVerificationError.is(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'INVALID_SECRET' });
  });

  it('accepts any non-empty text as a legacy secret, which is used as it is', () => {
    expect(() =>
      nodeEntry.createWebhookHandler({
        secret: 'my endpoint secret',
        scheme: 'legacy',
        dedupe: new nodeEntry.MemoryDedupeStore(),
        on: {},
      }),
    ).not.toThrow();
  });

  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  it('answers 500, not 400, when a secret turns out unusable at verify time, so the sender retries', async () => {
    const secrets: unknown[] = [SECRET];
    const errors: unknown[] = [];
    const handler = nodeEntry.createWebhookHandler({
      secret: secrets as string[],
      on: {},
      onError: (error) => void errors.push(error),
    });
    const server = createServer(nodeEntry.toNodeHandler(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const delivery = await nodeEntry.createTestWebhook({
      type: 'sync.completed',
      connectionId: 'c_1',
      data: { sync_status: 'done' },
      secret: SECRET,
    });
    const post = () =>
      fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.payload });

    expect((await post()).status).toBe(200);
    // A rotation array changed while running, with a value read from an unset variable.
    secrets.push(null);
    const response = await post();
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: 'webhook endpoint misconfigured' });
    expect(errors).toMatchObject([{ code: 'INVALID_SECRET' }]);
  });
});
