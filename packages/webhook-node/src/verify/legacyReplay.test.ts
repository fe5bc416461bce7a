import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createWebhookHandler,
  MemoryDedupeStore,
  safeVerifyWebhook,
  signWebhook,
  toNodeHandler,
  verifyWebhook,
  verifyWebhookSignature,
  type WebhookHandler,
} from '../index.js';
import { verifyWebhook as verifyWebhookWeb } from '../index.web.js';
import { WebhookVerificationError } from './WebhookVerificationError.js';

const SECRET = 'makini-endpoint-secret';
const NOW = Date.UTC(2026, 10, 26, 12);

const legacyBody = (createdAt: number | string | undefined) =>
  JSON.stringify({
    id: 'evt_legacy',
    type: 'sync.completed',
    ...(createdAt === undefined
      ? {}
      : {
          created_at: typeof createdAt === 'string' ? createdAt : new Date(createdAt).toISOString(),
        }),
    connection_id: 'c_1',
    data: { sync_status: 'done' },
  });

async function legacyCode(
  verify: typeof verifyWebhook | typeof verifyWebhookSignature,
  body: string,
  extra: { toleranceSeconds?: number } = {},
): Promise<string> {
  const { headers } = await signWebhook({ payload: body, secret: SECRET, scheme: 'legacy' });
  return (
    verify({
      payload: body,
      headers,
      secret: SECRET,
      scheme: 'legacy',
      now: NOW,
      ...extra,
    }) as Promise<unknown>
  ).then(
    () => 'accepted',
    (error: unknown) => (WebhookVerificationError.is(error) ? error.code : String(error)),
  );
}

describe('legacy scheme replay window', () => {
  it.each([
    ['verifyWebhook', verifyWebhook],
    ['verifyWebhook (WebCrypto)', verifyWebhookWeb],
    ['verifyWebhookSignature', verifyWebhookSignature],
  ] as const)(
    '%s refuses a captured legacy delivery once its signed created_at leaves the window',
    async (_, verify) => {
      const fiveMinutes = { toleranceSeconds: 300 };
      expect(await legacyCode(verify, legacyBody(NOW), fiveMinutes)).toBe('accepted');
      expect(await legacyCode(verify, legacyBody(NOW - 300_000), fiveMinutes)).toBe('accepted');
      expect(await legacyCode(verify, legacyBody(NOW - 301_000), fiveMinutes)).toBe(
        'TIMESTAMP_TOO_OLD',
      );
      expect(await legacyCode(verify, legacyBody(NOW + 301_000), fiveMinutes)).toBe(
        'TIMESTAMP_IN_FUTURE',
      );
      expect(await legacyCode(verify, legacyBody(NOW - 90_001_000))).toBe('TIMESTAMP_TOO_OLD');
      expect(await legacyCode(verify, legacyBody(NOW + 90_001_000))).toBe('TIMESTAMP_IN_FUTURE');
    },
  );

  it.each([
    ['verifyWebhook', verifyWebhook],
    ['verifyWebhook (WebCrypto)', verifyWebhookWeb],
    ['verifyWebhookSignature', verifyWebhookSignature],
  ] as const)(
    '%s accepts by default a retry that comes a day after the event, since a retry keeps its created_at',
    async (_, verify) => {
      expect(await legacyCode(verify, legacyBody(NOW - 30 * 60_000))).toBe('accepted');
      expect(await legacyCode(verify, legacyBody(NOW - 86_400_000))).toBe('accepted');
    },
  );

  it('refuses an authentic legacy body without a created_at date, since nothing else dates it', async () => {
    expect(await legacyCode(verifyWebhook, legacyBody(undefined))).toBe('INVALID_PAYLOAD');
    expect(await legacyCode(verifyWebhook, legacyBody('yesterday'))).toBe('INVALID_PAYLOAD');
    expect(await legacyCode(verifyWebhookSignature, '[]')).toBe('INVALID_PAYLOAD');
  });

  it('names created_at and the window in the refusal', async () => {
    const body = legacyBody(NOW - 3_600_000);
    const { headers } = await signWebhook({ payload: body, secret: SECRET, scheme: 'legacy' });
    const result = safeVerifyWebhook({
      payload: body,
      headers,
      secret: SECRET,
      scheme: 'legacy',
      now: NOW,
      toleranceSeconds: 300,
    });
    expect(result).toMatchObject({ ok: false, code: 'TIMESTAMP_TOO_OLD' });
    if (!result.ok) expect(result.message).toMatch(/created_at.*300 s/);
  });

  it('checks the window only after the signature: a forged body is NO_MATCHING_SIGNATURE', async () => {
    const { headers } = await signWebhook({
      payload: legacyBody(NOW),
      secret: SECRET,
      scheme: 'legacy',
    });
    const result = safeVerifyWebhook({
      payload: legacyBody(NOW - 86_400_000),
      headers,
      secret: SECRET,
      scheme: 'legacy',
      now: NOW,
    });
    expect(result).toMatchObject({ ok: false, code: 'NO_MATCHING_SIGNATURE' });
  });
});

describe('createWebhookHandler with the legacy scheme', () => {
  const construction = (options: Partial<Parameters<typeof createWebhookHandler>[0]>) => {
    try {
      createWebhookHandler({ secret: SECRET, on: {}, scheme: 'legacy', ...options });
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('throws a typed error at construction without a dedupe store, saying to pass one', () => {
    const error = construction({});
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((error as Error).message).toMatch(/dedupe/);
    expect(construction({ dedupe: new MemoryDedupeStore() })).toBeUndefined();
  });

  it('throws at construction when ids are forgotten before the window closes', () => {
    const error = construction({
      dedupe: new MemoryDedupeStore(),
      toleranceSeconds: 3600,
      dedupeTtlMs: 60_000,
    });
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((error as Error).message).toMatch(/dedupeTtlMs/);
  });

  let sandbox: Sandbox | undefined;
  let closeReceiver: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await sandbox?.close();
    await closeReceiver?.();
    sandbox = undefined;
    closeReceiver = undefined;
  });

  it('answers a replayed sandbox delivery once: a duplicate inside the window, 400 after it', async () => {
    let clock = Date.now();
    const runs: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      scheme: 'legacy',
      dedupe: new MemoryDedupeStore(),
      onError: () => undefined,
      now: () => clock,
      on: { 'sync.completed': (event) => void runs.push(event.id) },
    });
    const captured: Array<{ payload: Buffer; headers: Record<string, string> }> = [];
    const recording: WebhookHandler = {
      maxBodyBytes: handler.maxBodyBytes,
      handle: (delivery) => {
        captured.push(delivery as (typeof captured)[number]);
        return handler.handle(delivery);
      },
    };
    const server = createServer(toNodeHandler(recording));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closeReceiver = () => new Promise((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;

    sandbox = await startSandbox({ port: 0, orders: 1, webhookRetryScheduleMs: [] });
    sandbox.admin.addWebhookEndpoint({ url, secret: SECRET, scheme: 'legacy' });
    const connection = sandbox.admin.connections()[0]?.connectionKey ?? '';
    sandbox.admin.trigger('sync.completed', connection);
    const first = await sandbox.admin.waitForDelivery(() => true);
    expect(first).toMatchObject({ ok: true, status: 200 });
    expect(runs).toHaveLength(1);

    const replay = captured[0];
    if (!replay) throw new Error('nothing captured');
    const post = () =>
      fetch(url, {
        method: 'POST',
        headers: { 'x-makini-signature': replay.headers['x-makini-signature'] ?? '' },
        body: new Uint8Array(replay.payload),
      });
    const inside = await post();
    expect(inside.status).toBe(200);
    expect(await inside.json()).toEqual({ ok: true, duplicate: true });
    clock += 90_001_000;
    expect((await post()).status).toBe(400);
    expect(runs).toHaveLength(1);
  });
});
