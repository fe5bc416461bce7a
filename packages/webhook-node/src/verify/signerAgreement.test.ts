import { describe, expect, it } from 'vitest';
import * as nodeEntry from '../index.js';
import * as webEntry from '../index.web.js';
import { WebhookVerificationError } from './WebhookVerificationError.js';

const SECRET = `whsec_${Buffer.from('agreement-tests-agreement-tests!').toString('base64')}`;
const NOW = Date.UTC(2026, 10, 26, 12);
const TS = NOW / 1000;
const data = { sync_status: 'done' };

async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe.each([
  ['node:crypto', nodeEntry],
  ['WebCrypto', webEntry],
] as const)('signer and verifier (%s)', (_, entry) => {
  const test = (id: string, timestamp = TS) =>
    entry.createTestWebhook({
      type: 'sync.completed',
      connectionId: 'c_1',
      data,
      secret: SECRET,
      id,
      timestamp,
    });

  it.each([
    ['a "." in it', 'evt.1'],
    ['more than 256 characters', 'e'.repeat(257)],
    ['no characters', ''],
  ])(
    'signWebhook and createTestWebhook refuse an id with %s, as verifyWebhook does',
    async (_, id) => {
      for (const run of [
        () => entry.signWebhook({ payload: '{}', secret: SECRET, id, timestamp: TS }),
        () => test(id),
      ]) {
        const error = await thrown(run);
        expect(WebhookVerificationError.is(error), `id ${JSON.stringify(id)}`).toBe(true);
        expect(error).toMatchObject({ code: 'INVALID_HEADER' });
        expect((error as Error).message).toMatch(/webhook-id/);
      }
    },
  );

  it.each([
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['a negative number', -1],
    ['more than 12 digits', 1e13],
  ])('signWebhook refuses a timestamp that is %s, as verifyWebhook does', async (_, timestamp) => {
    const error = await thrown(() =>
      entry.signWebhook({ payload: '{}', secret: SECRET, id: 'msg_1', timestamp }),
    );
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_HEADER' });
    expect((error as Error).message).toMatch(/timestamp/);
  });

  it('verifies every id it signs', async () => {
    for (const id of ['msg_1', 'e'.repeat(256), 'evt-1:2/3_x']) {
      const delivery = await test(id);
      const verified = await entry.verifyWebhook({
        payload: delivery.payload,
        headers: delivery.headers,
        secret: SECRET,
        now: NOW,
      });
      expect(verified.id).toBe(id);
    }
  });
});
