import { describe, expect, it } from 'vitest';
import {
  createTestWebhook,
  createWebhookHandler,
  MemoryDedupeStore,
  type WebhookHandlerOptions,
  WebhookVerificationError,
} from '../index.js';

const SECRET = `whsec_${Buffer.from('option-tests-option-tests-123456').toString('base64')}`;

/** What an unset environment variable gives through `Number(process.env.X)`. */
const UNSET = Number(process.env.MAKINI_TEST_VARIABLE_THAT_IS_NEVER_SET);

const construction = (options: Partial<WebhookHandlerOptions>) => {
  try {
    createWebhookHandler({ secret: SECRET, on: {}, dedupe: new MemoryDedupeStore(), ...options });
  } catch (error) {
    return error;
  }
  return undefined;
};

/** Asserts a typed setup error that names the option and says what to pass instead. */
const expectRefused = (name: string, value: unknown, error: unknown, fix: RegExp) => {
  expect(WebhookVerificationError.is(error), `${name}: ${String(value)}`).toBe(true);
  expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
  const { message } = error as Error;
  expect(message.startsWith(name), message).toBe(true);
  expect(message).toMatch(fix);
  expect(message).toMatch(/unset environment variable is NaN/);
};

describe('createWebhookHandler numeric options', () => {
  it('refuses a dedupeTtlMs that is not a number of milliseconds ≥ 1, naming it and what to pass', () => {
    for (const dedupeTtlMs of [UNSET, 0, -1, Number.POSITIVE_INFINITY, 2 ** 53, '259200000']) {
      const error = construction({ dedupeTtlMs: dedupeTtlMs as number });
      expectRefused('dedupeTtlMs', dedupeTtlMs, error, /milliseconds from 1 to 9007199254740991/);
    }
  });

  it('refuses a processingTtlMs that is not a number of milliseconds from 1 to 2^31-1, which paces timers', () => {
    for (const processingTtlMs of [UNSET, 0, -5, Number.POSITIVE_INFINITY, 2 ** 31, '60000']) {
      const error = construction({ processingTtlMs: processingTtlMs as number });
      expectRefused('processingTtlMs', processingTtlMs, error, /milliseconds from 1 to 2147483647/);
    }
  });

  it('refuses a maxBodyBytes that is not a whole number of bytes ≥ 1, rather than turn the limit off', () => {
    for (const maxBodyBytes of [UNSET, 0, -1, 1.5, Number.POSITIVE_INFINITY, '1048576']) {
      const error = construction({ maxBodyBytes: maxBodyBytes as number });
      expectRefused('maxBodyBytes', maxBodyBytes, error, /whole number of bytes from 1/);
    }
  });

  it('refuses a legacy dedupeTtlMs of NaN rather than let it past the window check', () => {
    const error = construction({ scheme: 'legacy', secret: 'legacy-secret', dedupeTtlMs: UNSET });
    expectRefused('dedupeTtlMs', UNSET, error, /milliseconds/);
  });

  it('accepts the bounds themselves', () => {
    for (const options of [
      { processingTtlMs: 1, dedupeTtlMs: 1, maxBodyBytes: 1 },
      { processingTtlMs: 2 ** 31 - 1, dedupeTtlMs: 2 ** 53 - 1, maxBodyBytes: 2 ** 53 - 1 },
    ])
      expect(construction(options), JSON.stringify(options)).toBeUndefined();
  });

  it('processes a redelivered event once with accepted values at either end', async () => {
    for (const options of [
      { processingTtlMs: 1, maxBodyBytes: 4096 },
      { processingTtlMs: 2 ** 31 - 1, dedupeTtlMs: Number.MAX_SAFE_INTEGER, maxBodyBytes: 2 ** 40 },
      { processingTtlMs: 1500.5, dedupeTtlMs: 86_400_000.25 },
    ]) {
      let runs = 0;
      const handler = createWebhookHandler({
        secret: SECRET,
        dedupe: new MemoryDedupeStore(),
        on: { 'sync.completed': () => void runs++ },
        ...options,
      });
      const { payload, headers } = await createTestWebhook({
        type: 'sync.completed',
        connectionId: 'c1',
        data: { sync_status: 'done' },
        secret: SECRET,
      });
      const first = await handler.handle({ payload, headers });
      const again = await handler.handle({ payload, headers });
      expect([first.status, again.status, runs], JSON.stringify(options)).toEqual([200, 200, 1]);
      expect(again.body).toEqual({ ok: true, duplicate: true });
    }
  });
});

describe('createWebhookHandler with a dedupe store written before owner tokens', () => {
  /** The interface before owner tokens: string answers, no renew. */
  const oldStore = () => {
    const seen = new Map<string, string>();
    return {
      claim: async (id: string) => {
        const state = seen.get(id);
        if (state) return state;
        seen.set(id, 'processing');
        return 'claimed';
      },
      release: async (id: string) => void seen.delete(id),
      complete: async (id: string) => void seen.set(id, 'done'),
    };
  };

  it('refuses it when made, naming what is missing and how to migrate', () => {
    const error = construction({ dedupe: oldStore() as never });
    expect(WebhookVerificationError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_OPTIONS' });
    expect((error as Error).message).toMatch(/renew\(\)/);
    expect((error as Error).message).toMatch(/status: "claimed", token/);
  });

  it('answers 503 and says why when claim answers in the old shape, instead of running every delivery', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const handler = createWebhookHandler({
      secret: SECRET,
      dedupe: { ...oldStore(), renew: async () => true } as never,
      onError: (error) => errors.push(error),
      on: { 'sync.completed': () => void runs++ },
    });
    const { payload, headers } = await createTestWebhook({
      type: 'sync.completed',
      connectionId: 'c1',
      data: { sync_status: 'done' },
      secret: SECRET,
    });
    expect((await handler.handle({ payload, headers })).status).toBe(503);
    expect(runs).toBe(0);
    expect(String(errors[0])).toMatch(/dedupe.claim\(\) answered "claimed"/);
  });
});
