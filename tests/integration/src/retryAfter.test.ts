import { RateLimitError, TimeoutError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20 });
});
afterAll(() => sandbox.close());

let warnings: Error[];
const onWarning = (warning: Error) => warnings.push(warning);
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
  sandbox.admin.clearFaults();
  sandbox.admin.setRateLimit(0);
});

const ROUTE = '/api/integrations/current';
/** The longest a server's word keeps a connection shut on the client's side. */
const HOUR = 3_600_000;
const served = () => sandbox.admin.requests().filter((entry) => entry.path === ROUTE).length;
const elapsed = async <T>(run: () => Promise<T>) => {
  const started = performance.now();
  const result = await run();
  return { result, ms: performance.now() - started };
};
/** Lets Node print any warning the calls above scheduled (they are emitted on the next tick). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('a Retry-After beyond maxRetryAfterMs', () => {
  it('fails fast instead of blocking the connection, and no timer overflows', async () => {
    // Eleven days: past 2^31 ms, where Node would fire a timer after 1 ms instead.
    const seconds = 1_000_000;
    const { client } = await connectionClient(sandbox, 0, {
      rateLimit: { limit: 100, windowMs: 60_000 },
    });
    sandbox.admin.addFault({
      route: ROUTE,
      kind: 'rate_limit',
      retryAfterSeconds: seconds,
      times: 1,
    });

    const first = await elapsed(() =>
      client.integrations.current().catch((caught: unknown) => caught),
    );
    expect(RateLimitError.is(first.result)).toBe(true);
    expect((first.result as RateLimitError).retryAfterMs).toBe(seconds * 1000);

    const before = served();
    const second = await elapsed(() =>
      client.integrations.current().catch((caught: unknown) => caught),
    );
    expect(RateLimitError.is(second.result)).toBe(true);
    // The connection stays shut for an hour at most, not the eleven days asked: then one call asks
    // the server again, so a wrong header cannot shut it until a restart.
    const remaining = (second.result as RateLimitError).retryAfterMs ?? 0;
    expect(remaining).toBeGreaterThan(HOUR - 10_000);
    expect(remaining).toBeLessThanOrEqual(HOUR);
    // Rejected before anything was sent.
    expect(served()).toBe(before);
    client.close();
    await settle();
    expect(warnings.map((warning) => warning.name)).not.toContain('TimeoutOverflowWarning');
  });

  it('fails fast without the client-side limiter too, until the window passes', async () => {
    const { client } = await connectionClient(sandbox, 0, { maxRetryAfterMs: 200 });
    sandbox.admin.addFault({ route: ROUTE, kind: 'rate_limit', retryAfterSeconds: 1, times: 1 });

    const first = await elapsed(() =>
      client.integrations.current().catch((caught: unknown) => caught),
    );
    expect(RateLimitError.is(first.result)).toBe(true);
    const before = served();
    const blocked = await client.integrations.current().catch((caught: unknown) => caught);
    expect(RateLimitError.is(blocked)).toBe(true);
    expect((blocked as RateLimitError).retryAfterMs).toBeLessThanOrEqual(1000);
    expect(served()).toBe(before);

    await new Promise((resolve) => setTimeout(resolve, 1050));
    await expect(client.integrations.current()).resolves.toMatchObject({ id: expect.any(String) });
    expect(served()).toBe(before + 1);
  });

  it('a far-future x-ratelimit-reset fails fast in the limiter, with no timer overflow', async () => {
    // The sandbox's own limit: one call per window of 30 days.
    sandbox.admin.setRateLimit(1, 30 * 86_400_000);
    const { client } = await connectionClient(sandbox, 1, {
      rateLimit: { limit: 100, windowMs: 60_000 },
    });
    await client.integrations.current();
    const next = await elapsed(() =>
      client.integrations.current().catch((caught: unknown) => caught),
    );
    expect(RateLimitError.is(next.result)).toBe(true);
    // The bucket stays shut for an hour at most (the window here is shorter), not the 30 days said.
    expect((next.result as RateLimitError).retryAfterMs).toBeGreaterThan(HOUR - 10_000);
    expect((next.result as RateLimitError).retryAfterMs).toBeLessThanOrEqual(HOUR);
    client.close();
    await settle();
    expect(warnings.map((warning) => warning.name)).not.toContain('TimeoutOverflowWarning');
  });
});

describe('a Retry-After within maxRetryAfterMs', () => {
  it('is waited, and the retry succeeds', async () => {
    const { client } = await connectionClient(sandbox, 0);
    sandbox.admin.addFault({ route: ROUTE, kind: 'rate_limit', retryAfterSeconds: 1, times: 1 });
    const { result, ms } = await elapsed(() => client.integrations.current());
    expect(result.id).toEqual(expect.any(String));
    expect(ms).toBeGreaterThanOrEqual(990);
  });
});

describe('every wait is bounded by the call', () => {
  it("bounds a wait in the client-side limiter by the call's timeoutMs", async () => {
    const { client } = await connectionClient(sandbox, 2, {
      rateLimit: { limit: 1, windowMs: 1000 },
    });
    // The second call waits about a second for the next window, within its 1500 ms; the third is
    // queued behind it, and its turn (about two seconds) would come after its timeout.
    const calls = [0, 1, 2].map(() =>
      elapsed(() =>
        client.integrations.current({ timeoutMs: 1500 }).catch((caught: unknown) => caught),
      ),
    );
    const [first, second, third] = await Promise.all(calls);
    expect(first?.result).toMatchObject({ id: expect.any(String) });
    expect(second?.result).toMatchObject({ id: expect.any(String) });
    expect(TimeoutError.is(third?.result)).toBe(true);
    expect(third?.ms).toBeGreaterThanOrEqual(1450);
    client.close();
  });

  it('fails at once when the limiter knows its wait is longer than the call may take', async () => {
    const { client } = await connectionClient(sandbox, 2, {
      rateLimit: { limit: 1, windowMs: 5000 },
    });
    await client.integrations.current();
    const result = await client.integrations
      .current({ timeoutMs: 200 })
      .catch((caught: unknown) => caught);
    expect(RateLimitError.is(result)).toBe(true);
    expect((result as RateLimitError).retryAfterMs).toBeGreaterThan(4000);
    expect((result as RateLimitError).message).toMatch(/was not sent/);
    client.close();
  });

  it("does not sleep out a Retry-After longer than the call's timeoutMs", async () => {
    const { client } = await connectionClient(sandbox, 2);
    sandbox.admin.addFault({ route: ROUTE, kind: 'rate_limit', retryAfterSeconds: 3, times: 1 });
    const result = await client.integrations
      .current({ timeoutMs: 500 })
      .catch((caught: unknown) => caught);
    expect(RateLimitError.is(result)).toBe(true);
  });
});
