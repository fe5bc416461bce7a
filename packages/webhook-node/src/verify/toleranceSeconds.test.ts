import { describe, expect, it } from 'vitest';
import * as nodeEntry from '../index.js';
import * as webEntry from '../index.web.js';
import { WebhookVerificationError } from './WebhookVerificationError.js';

const SECRET = `whsec_${Buffer.from('tolerance-tests-tolerance-tests!').toString('base64')}`;
const NOW = Date.UTC(2026, 10, 26, 12);
const TS = NOW / 1000;
const event = {
  id: 'evt_1',
  type: 'sync.completed',
  created_at: new Date(NOW).toISOString(),
  connection_id: 'c_1',
  data: { sync_status: 'done' },
};
const body = JSON.stringify(event);
// What `Number(process.env.X)` gives for an unset or mistyped variable, and other unusable windows.
const UNUSABLE = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -1, '300'];

/** A delivery signed a year before NOW: any real window refuses it. */
const yearOld = (scheme: 'standard' | 'legacy' = 'standard') =>
  nodeEntry.signWebhook({
    payload:
      scheme === 'legacy'
        ? JSON.stringify({ ...event, created_at: new Date(NOW - 365 * 86_400_000).toISOString() })
        : body,
    secret: SECRET,
    id: 'msg_1',
    timestamp: TS - 365 * 86_400,
    scheme,
  });

describe('toleranceSeconds', () => {
  it.each([
    ['node:crypto', nodeEntry.verifyWebhook],
    ['WebCrypto', webEntry.verifyWebhook],
    ['verifyWebhookSignature', nodeEntry.verifyWebhookSignature],
  ] as const)(
    'refuses a window that is not a finite number ≥ 0 (%s), instead of switching replay protection off',
    async (_, verify) => {
      for (const scheme of ['standard', 'legacy'] as const) {
        const { payload, headers } = await yearOld(scheme);
        for (const toleranceSeconds of UNUSABLE) {
          const error = await verify({
            payload,
            headers,
            secret: SECRET,
            scheme,
            now: NOW,
            toleranceSeconds: toleranceSeconds as number,
          }).then(
            () => undefined,
            (caught: unknown) => caught,
          );
          expect(WebhookVerificationError.is(error), `${scheme} ${toleranceSeconds}`).toBe(true);
          expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
          expect((error as Error).message).toContain('toleranceSeconds');
        }
      }
    },
  );

  it('safeVerifyWebhook refuses an unusable window as a value', async () => {
    const { payload, headers } = await yearOld();
    for (const toleranceSeconds of UNUSABLE) {
      const result = nodeEntry.safeVerifyWebhook({
        payload,
        headers,
        secret: SECRET,
        now: NOW,
        toleranceSeconds: toleranceSeconds as number,
      });
      expect(result).toMatchObject({ ok: false, code: 'INVALID_OPTIONS' });
    }
  });

  it('refuses a `now` that is not a finite number, which would also switch the window off', async () => {
    const { payload, headers } = await yearOld();
    const result = nodeEntry.safeVerifyWebhook({
      payload,
      headers,
      secret: SECRET,
      now: Number.NaN,
    });
    expect(result).toMatchObject({ ok: false, code: 'INVALID_OPTIONS' });
  });

  it('still accepts 0 and any finite window', async () => {
    const { payload, headers } = await nodeEntry.signWebhook({
      payload: body,
      secret: SECRET,
      id: 'msg_1',
      timestamp: TS,
    });
    for (const toleranceSeconds of [0, 0.5, 300, 1e12]) {
      const verified = await nodeEntry.verifyWebhook({
        payload,
        headers,
        secret: SECRET,
        now: NOW,
        toleranceSeconds,
      });
      expect(verified.id).toBe('evt_1');
    }
  });

  it('createWebhookHandler throws a typed error at construction for a window that is not a finite number ≥ 0', () => {
    for (const toleranceSeconds of UNUSABLE) {
      let thrown: unknown;
      try {
        nodeEntry.createWebhookHandler({
          secret: SECRET,
          on: {},
          toleranceSeconds: toleranceSeconds as number,
        });
      } catch (error) {
        thrown = error;
      }
      expect(WebhookVerificationError.is(thrown), String(toleranceSeconds)).toBe(true);
      expect(thrown).toMatchObject({ code: 'INVALID_OPTIONS' });
      expect((thrown as Error).message).toContain('toleranceSeconds');
    }
  });
});
