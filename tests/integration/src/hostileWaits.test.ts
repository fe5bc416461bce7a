import { MakiniClient, MakiniError, RateLimitError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';
import { serveFetch } from './nodeFetchServer.js';

/** The longest a server's word keeps a connection closed before one call asks the server again. */
const HOUR = 3_600_000;
/** The longest wait any header is read as: what `setTimeout` can hold. */
const MAX_TIMER_MS = 2 ** 31 - 1;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5 });
});
afterAll(() => sandbox.close());

let warnings: Error[];
const onWarning = (warning: Error) => warnings.push(warning);
let closeServer: (() => Promise<void>) | undefined;
beforeEach(() => {
  warnings = [];
  process.on('warning', onWarning);
});
afterEach(async () => {
  process.off('warning', onWarning);
  sandbox.admin.clearFaults();
  await closeServer?.();
  closeServer = undefined;
});

const ROUTE = '/api/integrations/current';
const served = () => sandbox.admin.requests().filter((entry) => entry.path === ROUTE).length;

/**
 * A server that answers its first `hostile` calls with the given status and headers, then `{}`
 * with 200, as a server does once its bad moment has passed. Counts the calls that reached it.
 */
async function hostileServer(status: number, headers: Record<string, string>, hostile = 1) {
  let calls = 0;
  const { url, close } = await serveFetch(() => {
    calls++;
    if (calls > hostile) return Response.json({});
    return Response.json(
      status === 429 ? { error: { code: 'RATE_LIMIT_EXCEEDED', message: 'slow down' } } : {},
      { status, headers },
    );
  });
  closeServer = close;
  return { url, calls: () => calls };
}

/** A call with no schema: the hostile servers answer `{}`. */
const call = (client: MakiniClient) =>
  client.request({ method: 'GET', path: '/api/a' }).catch((caught: unknown) => caught);

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

/** A `RateLimitError` whose wait and reset a caller can use: finite, a valid date, a timer's range. */
function expectUsableRateLimit(error: unknown, longest: number) {
  expect(RateLimitError.is(error)).toBe(true);
  const { retryAfterMs, resetAt } = error as RateLimitError;
  expect(Number.isFinite(retryAfterMs)).toBe(true);
  expect(retryAfterMs).toBeGreaterThanOrEqual(0);
  expect(retryAfterMs).toBeLessThanOrEqual(longest);
  if (resetAt !== undefined) {
    expect(Number.isNaN(resetAt.getTime())).toBe(false);
    expect(() => resetAt.toISOString()).not.toThrow();
  }
  expect(() => JSON.stringify(error)).not.toThrow();
}

describe('a server-given wait no clock can hold', () => {
  it('reads an absurd Retry-After as a finite wait, and later calls get a typed RateLimitError, never a RangeError', async () => {
    const { client } = await connectionClient(sandbox, 0, { rateLimit: { limit: 100 } });
    // Sent as `retry-after: 100000000000000000000`, 3e12 years.
    sandbox.admin.addFault({ route: ROUTE, kind: 'rate_limit', retryAfterSeconds: 1e20, times: 1 });

    const first = await client.integrations.current().catch((caught: unknown) => caught);
    const before = served();
    const second = await client.integrations.current().catch((caught: unknown) => caught);
    // It used to be a plain `RangeError: Invalid time value`, on every call until a restart.
    expect(MakiniError.is(second)).toBe(true);
    expectUsableRateLimit(first, MAX_TIMER_MS);
    expectUsableRateLimit(second, HOUR);
    expect((second as RateLimitError).retryAfterMs).toBeGreaterThan(HOUR - 60_000);
    expect(served()).toBe(before);
    client.close();
    await settle();
    expect(warnings.map((warning) => warning.name)).not.toContain('TimeoutOverflowWarning');
  });

  it('closes the connection for at most an hour on a valid but far Retry-After date', async () => {
    const server = await hostileServer(429, { 'retry-after': 'Fri, 31 Dec 275759 00:00:00 GMT' });
    const client = new MakiniClient({ baseUrl: server.url, token: 'sk_test_token' });

    const first = await call(client);
    expectUsableRateLimit(first, MAX_TIMER_MS);
    const second = await call(client);
    expectUsableRateLimit(second, HOUR);
    expect((second as RateLimitError).resetAt?.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
    expect((second as RateLimitError).message).toMatch(/was not sent/);
    expect(server.calls()).toBe(1);
  });

  it('reads an x-ratelimit-reset beyond the range of a Date as a finite wait, so the limiter does not spin and fails fast', async () => {
    const server = await hostileServer(429, { 'x-ratelimit-reset': '1e300' });
    const client = new MakiniClient({
      baseUrl: server.url,
      token: 'sk_test_token',
      rateLimit: { limit: 100 },
      timeoutMs: 1000,
    });

    const first = await call(client);
    expectUsableRateLimit(first, MAX_TIMER_MS);
    expect((first as RateLimitError).resetAt).toBeInstanceOf(Date);

    const second = await call(client);
    // It used to spin 1 ms timers on a NaN reset until the call's timeout.
    expectUsableRateLimit(second, HOUR);
    client.close();
    await settle();
    expect(warnings.map((warning) => warning.name)).not.toContain('TimeoutOverflowWarning');
  });

  it('holds the limiter for at most an hour when a 200 says the window resets thousands of years away', async () => {
    const server = await hostileServer(200, {
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '99999999999',
    });
    const client = new MakiniClient({
      baseUrl: server.url,
      token: 'sk_test_token',
      rateLimit: { limit: 100, windowMs: 60_000 },
    });
    await call(client);

    const next = await call(client);
    expectUsableRateLimit(next, HOUR);
    expect((next as RateLimitError).resetAt?.getTime()).toBeLessThanOrEqual(Date.now() + HOUR);
    client.close();
  });
});
