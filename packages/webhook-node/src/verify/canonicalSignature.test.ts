import { describe, expect, it } from 'vitest';
import * as nodeEntry from '../index.js';
import * as webEntry from '../index.web.js';

const SECRET = `whsec_${Buffer.from('canonical-tests-canonical-tests!').toString('base64')}`;
const NOW = Date.UTC(2026, 10, 26, 12);
const body = JSON.stringify({
  id: 'evt_1',
  type: 'sync.completed',
  created_at: new Date(NOW).toISOString(),
  connection_id: 'c_1',
  data: { sync_status: 'done' },
});
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * The 44 characters of a 32-byte MAC carry 264 bits: the last character before "=" has two bits
 * no byte uses. The same MAC with those bits set, three ways.
 */
function lookalikes(mac: string): string[] {
  const last = ALPHABET.indexOf(mac.charAt(42));
  expect(last & 3).toBe(0);
  return [1, 2, 3].map((bits) => `${mac.slice(0, 42)}${ALPHABET.charAt(last | bits)}=`);
}

describe.each([
  ['node:crypto', nodeEntry.verifyWebhook],
  ['WebCrypto', webEntry.verifyWebhook],
  [
    'safeVerifyWebhook',
    async (options: Parameters<typeof nodeEntry.verifyWebhook>[0]) => {
      const result = nodeEntry.safeVerifyWebhook(options);
      if (!result.ok) throw result.toError();
      return result.event;
    },
  ],
] as const)('signatures in base64 (%s)', (_, verify) => {
  const code = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (error: { code?: string }) => error.code,
    );

  it('accepts only the canonical encoding of a v1 signature, not one with the unused bits set', async () => {
    const { headers } = await nodeEntry.signWebhook({
      payload: body,
      secret: SECRET,
      id: 'msg_1',
      timestamp: NOW / 1000,
    });
    const mac = (headers['webhook-signature'] ?? '').slice(3);
    const options = { payload: body, secret: SECRET, now: NOW };
    expect(await code(verify({ ...options, headers }))).toBe('accepted');
    for (const lookalike of lookalikes(mac)) {
      const forged = { ...headers, 'webhook-signature': `v1,${lookalike}` };
      expect(await code(verify({ ...options, headers: forged })), lookalike).toBe(
        'NO_MATCHING_SIGNATURE',
      );
    }
  });

  it('accepts only the canonical encoding of a legacy x-makini-signature', async () => {
    const { headers } = await nodeEntry.signWebhook({
      payload: body,
      secret: SECRET,
      scheme: 'legacy',
    });
    const options = { payload: body, secret: SECRET, scheme: 'legacy' as const, now: NOW };
    expect(await code(verify({ ...options, headers }))).toBe('accepted');
    for (const lookalike of lookalikes(headers['x-makini-signature'] ?? '')) {
      expect(
        await code(verify({ ...options, headers: { 'x-makini-signature': lookalike } })),
        lookalike,
      ).toBe('NO_MATCHING_SIGNATURE');
    }
  });
});
