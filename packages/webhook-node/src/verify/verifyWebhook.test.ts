import { standardWebhookHeaders } from '@makini-kit/sandbox';
import { describe, expect, it } from 'vitest';
import type { HmacProvider } from '../crypto/HmacProvider.js';
import { nodeHmac } from '../crypto/nodeHmac.js';
import * as nodeEntry from '../index.js';
import * as webEntry from '../index.web.js';
import { createVerifier } from './createVerifier.js';
import type { VerifyWebhookOptions } from './VerifyWebhookOptions.js';
import {
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from './WebhookVerificationError.js';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const OTHER = `whsec_${Buffer.from('fedcba9876543210fedcba9876543210').toString('base64')}`;
const NOW = Date.UTC(2026, 10, 26, 12) as number;
const TS = NOW / 1000;

const event = {
  id: 'evt_1',
  type: 'connection.reauthorization_required',
  created_at: '2026-11-26T12:00:00Z',
  connection_id: '09000000000001',
  data: { reason: 'Password changed', status: 'reauthorization_required' },
};
const body = JSON.stringify(event);

/** The synchronous safe verifier behind the `verifyWebhook` shape, so every case below runs on it too. */
const safeEntry = {
  signWebhook: nodeEntry.signWebhook,
  verifyWebhook: async (options: VerifyWebhookOptions) => {
    const result = nodeEntry.safeVerifyWebhook(options);
    expect(result).not.toBeInstanceOf(Promise);
    if (!result.ok) throw result.toError();
    return result.event;
  },
};

describe.each([
  ['node:crypto', nodeEntry],
  ['WebCrypto', webEntry],
  ['safeVerifyWebhook', safeEntry],
] as const)('verifyWebhook with %s', (_, entry) => {
  const sign = (
    overrides: {
      payload?: string | Uint8Array;
      secret?: string | string[];
      timestamp?: number;
      id?: string;
    } = {},
  ) =>
    entry.signWebhook({
      payload: overrides.payload ?? body,
      secret: overrides.secret ?? SECRET,
      id: overrides.id ?? 'msg_1',
      timestamp: overrides.timestamp ?? TS,
    });
  const verify = (
    payload: unknown,
    headers: Record<string, string>,
    extra: { secret?: string | string[]; now?: number } = {},
  ) =>
    entry.verifyWebhook({
      payload: payload as string,
      headers,
      secret: extra.secret ?? SECRET,
      now: extra.now ?? NOW,
    });

  async function refusal(promise: Promise<unknown>): Promise<WebhookVerificationError> {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(WebhookVerificationError.is(error), String(error)).toBe(true);
    return error as WebhookVerificationError;
  }
  const expectCode = async (promise: Promise<unknown>, code: WebhookVerificationErrorCode) => {
    const error = await refusal(promise);
    expect(error.code).toBe(code);
    return error;
  };

  it('returns the typed event for string, Buffer and Uint8Array payloads', async () => {
    const { headers } = await sign();
    for (const payload of [body, Buffer.from(body), new TextEncoder().encode(body)]) {
      const verified = await verify(payload, headers);
      expect(verified.type).toBe('connection.reauthorization_required');
      if (verified.type === 'connection.reauthorization_required')
        expect(verified.data.reason).toBe('Password changed');
    }
  });

  it('accepts what the sandbox signs', async () => {
    const headers = standardWebhookHeaders('msg_9', TS, body, [SECRET]);
    expect((await verify(body, headers)).id).toBe('evt_1');
  });

  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'MISSING_HEADER without %s',
    async (name) => {
      const { headers } = await sign();
      const { [name]: _, ...rest } = headers;
      const error = await expectCode(verify(body, rest), 'MISSING_HEADER');
      expect(error.message).toContain(name);
    },
  );

  it.each([
    ['webhook-timestamp', 'yesterday'],
    ['webhook-timestamp', '1.5e9'],
    ['webhook-signature', 'v1,not-base64'],
    ['webhook-signature', 'v2,AAAA'],
    ['webhook-signature', `v1,${Buffer.alloc(16).toString('base64')}`],
    ['webhook-id', 'a.b'],
  ])('INVALID_HEADER for %s: %s', async (name, value) => {
    const { headers } = await sign();
    await expectCode(verify(body, { ...headers, [name]: value }), 'INVALID_HEADER');
  });

  it('accepts the tolerance edges and refuses one second past them', async () => {
    const old = await sign({ timestamp: TS - 300 });
    expect((await verify(body, old.headers)).id).toBe('evt_1');
    const tooOld = await sign({ timestamp: TS - 301 });
    await expectCode(verify(body, tooOld.headers), 'TIMESTAMP_TOO_OLD');
    const ahead = await sign({ timestamp: TS + 300 });
    expect((await verify(body, ahead.headers)).id).toBe('evt_1');
    const tooFar = await sign({ timestamp: TS + 301 });
    await expectCode(verify(body, tooFar.headers), 'TIMESTAMP_IN_FUTURE');
    const wide = await entry.verifyWebhook({
      payload: body,
      headers: tooOld.headers,
      secret: SECRET,
      now: NOW,
      toleranceSeconds: 301,
    });
    expect(wide.id).toBe('evt_1');
  });

  it('NO_MATCHING_SIGNATURE for a tampered body, id or timestamp, or the wrong secret', async () => {
    const { headers } = await sign();
    await expectCode(
      verify(body.replace('Password', 'Passw0rd'), headers),
      'NO_MATCHING_SIGNATURE',
    );
    await expectCode(verify(body, { ...headers, 'webhook-id': 'msg_2' }), 'NO_MATCHING_SIGNATURE');
    await expectCode(
      verify(body, { ...headers, 'webhook-timestamp': String(TS + 1) }),
      'NO_MATCHING_SIGNATURE',
    );
    await expectCode(verify(body, headers, { secret: OTHER }), 'NO_MATCHING_SIGNATURE');
    // Re-serialized JSON (what express.json() + JSON.stringify gives) is not the signed body.
    await expectCode(
      verify(JSON.stringify(JSON.parse(body), null, 1), headers),
      'NO_MATCHING_SIGNATURE',
    );
  });

  it('accepts old and new secrets during a rotation, and any matching entry of a signature list', async () => {
    const byOld = await sign({ secret: OTHER });
    expect((await verify(body, byOld.headers, { secret: [SECRET, OTHER] })).id).toBe('evt_1');
    const both = await sign({ secret: [OTHER, SECRET] });
    expect(both.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect((await verify(body, both.headers)).id).toBe('evt_1');
    const mixed = `v2,whatever v1,${Buffer.alloc(32).toString('base64')} ${byOld.headers['webhook-signature']}`;
    expect(
      (await verify(body, { ...byOld.headers, 'webhook-signature': mixed }, { secret: OTHER })).id,
    ).toBe('evt_1');
    // Shaped like a signature but not base64: it matches nothing, and the next entry still counts.
    const lookalike = `v1,${'*'.repeat(43)}=`;
    const withLookalike = `${lookalike} ${byOld.headers['webhook-signature']}`;
    expect(
      (
        await verify(
          body,
          { ...byOld.headers, 'webhook-signature': withLookalike },
          { secret: OTHER },
        )
      ).id,
    ).toBe('evt_1');
    await expectCode(
      verify(body, { ...byOld.headers, 'webhook-signature': lookalike }, { secret: OTHER }),
      'NO_MATCHING_SIGNATURE',
    );
  });

  it('keeps concurrent verifications apart', async () => {
    const signed = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        sign({ id: `msg_${index}`, secret: index % 2 ? SECRET : OTHER }),
      ),
    );
    const outcomes = await Promise.all(
      signed.map(({ headers }) =>
        verify(body, headers).then(
          () => 'accepted',
          (error: WebhookVerificationError) => error.code,
        ),
      ),
    );
    expect(outcomes).toEqual(
      signed.map((_, index) => (index % 2 ? 'accepted' : 'NO_MATCHING_SIGNATURE')),
    );
  });

  it('PAYLOAD_NOT_RAW for a parsed object, naming the raw-body fix', async () => {
    const { headers } = await sign();
    const error = await expectCode(verify(JSON.parse(body), headers), 'PAYLOAD_NOT_RAW');
    expect(error.message).toMatch(/express\.raw|express\.json/);
    expect(error.message).toMatch(/request\.text\(\)/);
  });

  it('INVALID_PAYLOAD for signed bytes that are not UTF-8 or not JSON', async () => {
    const latin1 = Uint8Array.from([0x7b, 0xe9, 0x7d]);
    await expectCode(verify(latin1, (await sign({ payload: latin1 })).headers), 'INVALID_PAYLOAD');
    await expectCode(
      verify('not json', (await sign({ payload: 'not json' })).headers),
      'INVALID_PAYLOAD',
    );
  });

  it('SCHEMA_MISMATCH names the field and keeps the authentic JSON', async () => {
    const wrong = JSON.stringify({ ...event, data: {} });
    const error = await expectCode(
      verify(wrong, (await sign({ payload: wrong })).headers),
      'SCHEMA_MISMATCH',
    );
    expect(error.message).toContain('data.reason');
    expect(error.event).toEqual({ ...event, data: {} });
  });

  it('INVALID_SECRET for an empty or undecodable secret', async () => {
    const { headers } = await sign();
    await expectCode(verify(body, headers, { secret: '' }), 'INVALID_SECRET');
    await expectCode(verify(body, headers, { secret: 'whsec_***' }), 'INVALID_SECRET');
    await expectCode(verify(body, headers, { secret: [] }), 'INVALID_SECRET');
  });

  it('verifies a 5 MiB body', async () => {
    const big = JSON.stringify({
      ...event,
      data: { ...event.data, padding: 'x'.repeat(5 * 1024 * 1024) },
    });
    expect((await verify(big, (await sign({ payload: big })).headers)).id).toBe('evt_1');
  });

  it("supports Makini's legacy body HMAC as an explicit option", async () => {
    const legacy = await entry.signWebhook({
      payload: body,
      secret: 'legacy-secret',
      scheme: 'legacy',
    });
    const verified = await entry.verifyWebhook({
      payload: body,
      headers: legacy.headers,
      secret: 'legacy-secret',
      scheme: 'legacy',
      now: NOW,
    });
    expect(verified.id).toBe('evt_1');
    await expectCode(
      entry.verifyWebhook({
        payload: `${body} `,
        headers: legacy.headers,
        secret: 'legacy-secret',
        scheme: 'legacy',
        now: NOW,
      }),
      'NO_MATCHING_SIGNATURE',
    );
    await expectCode(
      entry.verifyWebhook({
        payload: body,
        headers: {},
        secret: 'legacy-secret',
        scheme: 'legacy',
        now: NOW,
      }),
      'MISSING_HEADER',
    );
  });

  it('reads fetch Headers and mixed-case records', async () => {
    const { headers } = await sign();
    expect((await verify(body, new Headers(headers) as never)).id).toBe('evt_1');
    const upper = Object.fromEntries(
      Object.entries(headers).map(([name, value]) => [name.toUpperCase(), value]),
    );
    expect((await verify(body, upper)).id).toBe('evt_1');
  });
});

describe('both implementations', () => {
  it('sign identically', async () => {
    const options = { payload: body, secret: [SECRET, OTHER], id: 'msg_x', timestamp: TS };
    expect((await nodeEntry.signWebhook(options)).headers).toEqual(
      (await webEntry.signWebhook(options)).headers,
    );
  });
});

describe('cheap rejections first', () => {
  it('computes no HMAC for malformed requests or a timestamp outside the window', async () => {
    let signs = 0;
    const counting: HmacProvider = {
      ...nodeHmac,
      sign: (key, parts) => {
        signs++;
        return nodeHmac.sign(key, parts);
      },
    };
    const { verifyWebhook: verify } = createVerifier(counting);
    const { headers } = await nodeEntry.signWebhook({
      payload: body,
      secret: SECRET,
      timestamp: TS,
    });
    const malformed = [
      { ...headers, 'webhook-signature': 'garbage' },
      { ...headers, 'webhook-timestamp': String(TS - 10_000) },
      { ...headers, 'webhook-timestamp': 'x' },
      { 'webhook-id': 'msg_1' },
    ];
    for (const candidate of malformed) {
      await verify({ payload: body, headers: candidate, secret: SECRET, now: NOW }).catch(
        () => undefined,
      );
    }
    expect(signs).toBe(0);
    await verify({ payload: body, headers, secret: SECRET, now: NOW });
    expect(signs).toBe(1);
  });

  it('rejects rather than throws, even for options that are not an object', async () => {
    const calls = [
      () => nodeEntry.verifyWebhook(undefined as never),
      () => nodeEntry.verifyWebhookSignature(undefined as never),
      () => webEntry.verifyWebhook(undefined as never),
    ];
    for (const call of calls) {
      let promise: Promise<unknown> | undefined;
      expect(() => {
        promise = call();
      }).not.toThrow();
      await expect(promise).rejects.toBeInstanceOf(TypeError);
    }
  });

  it('verifyWebhookSignature checks the signature without reading the payload', async () => {
    const { headers } = await nodeEntry.signWebhook({
      payload: 'not json',
      secret: SECRET,
      timestamp: TS,
    });
    await expect(
      nodeEntry.verifyWebhookSignature({ payload: 'not json', headers, secret: SECRET, now: NOW }),
    ).resolves.toBeUndefined();
    await expect(
      nodeEntry.verifyWebhookSignature({ payload: 'not json!', headers, secret: SECRET, now: NOW }),
    ).rejects.toMatchObject({
      code: 'NO_MATCHING_SIGNATURE',
    });
  });
});

describe('safeVerifyWebhook', () => {
  const signed = () => nodeEntry.signWebhook({ payload: body, secret: SECRET, timestamp: TS });

  it('returns the event synchronously', async () => {
    const { headers } = await signed();
    const result = nodeEntry.safeVerifyWebhook({
      payload: body,
      headers,
      secret: SECRET,
      now: NOW,
    });
    expect(result).toMatchObject({ ok: true, event: { id: 'evt_1' } });
  });

  it('returns refusals as values with a code, a message and toError(), and throws for nothing', async () => {
    const { headers } = await signed();
    const inputs: unknown[][] = [
      [{ ...event }, headers, SECRET],
      [body, {}, SECRET],
      [body, { ...headers, 'webhook-signature': 'v1,garbage' }, SECRET],
      [body, headers, ''],
      [body, headers, []],
      [body, headers, 'whsec_***'],
      [body, headers, undefined],
      [body, headers, [SECRET, 42]],
      [null, headers, SECRET],
      [`${body} `, headers, SECRET],
      [body, null, SECRET],
      [body, undefined, SECRET],
    ];
    const codes = inputs.map(([payload, headers, secret]) => {
      const result = nodeEntry.safeVerifyWebhook({
        payload: payload as string,
        headers: headers as Record<string, string>,
        secret: secret as string,
        now: NOW,
      });
      if (result.ok) throw new Error(`accepted ${String(payload)}`);
      expect(result.message.length).toBeGreaterThan(20);
      const error = result.toError();
      expect(error).toBeInstanceOf(WebhookVerificationError);
      expect(error).toMatchObject({ code: result.code, message: result.message });
      expect(result.toError()).not.toBe(error);
      return result.code;
    });
    expect(codes).toEqual([
      'PAYLOAD_NOT_RAW',
      'MISSING_HEADER',
      'INVALID_HEADER',
      'INVALID_SECRET',
      'INVALID_SECRET',
      'INVALID_SECRET',
      'INVALID_SECRET',
      'INVALID_SECRET',
      'PAYLOAD_NOT_RAW',
      'NO_MATCHING_SIGNATURE',
      'MISSING_HEADER',
      'MISSING_HEADER',
    ]);
  });

  it('keeps the authentic JSON and the cause of a SCHEMA_MISMATCH', async () => {
    const odd = JSON.stringify({ ...event, type: 'connection.renamed' });
    const { headers } = await nodeEntry.signWebhook({
      payload: odd,
      secret: SECRET,
      timestamp: TS,
    });
    const result = nodeEntry.safeVerifyWebhook({ payload: odd, headers, secret: SECRET, now: NOW });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('SCHEMA_MISMATCH');
    expect(result.event).toMatchObject({ type: 'connection.renamed' });
    const error = result.toError();
    expect(error.event).toEqual(result.event);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('shares frozen refusals for fixed reasons, so callers cannot corrupt them', async () => {
    const first = nodeEntry.safeVerifyWebhook({ payload: body, headers: {}, secret: SECRET });
    const second = nodeEntry.safeVerifyWebhook({ payload: body, headers: {}, secret: SECRET });
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { code: string }).code = 'OK';
    }).toThrow(TypeError);
    expect(second).toMatchObject({ ok: false, code: 'MISSING_HEADER' });
  });

  it('safeVerifyWebhookSignature checks without reading the payload', async () => {
    const { headers } = await nodeEntry.signWebhook({
      payload: 'not json',
      secret: SECRET,
      timestamp: TS,
    });
    const options = { payload: 'not json', headers, secret: SECRET, now: NOW };
    expect(nodeEntry.safeVerifyWebhookSignature(options)).toEqual({ ok: true });
    expect(
      nodeEntry.safeVerifyWebhookSignature({ ...options, payload: 'not json!' }),
    ).toMatchObject({ ok: false, code: 'NO_MATCHING_SIGNATURE' });
  });
});
