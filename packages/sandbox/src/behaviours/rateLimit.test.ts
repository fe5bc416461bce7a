import { ApiErrorBody } from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, getJson } from '../testHelpers.js';

let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

describe('per-connection rate limit', () => {
  it('counts down in the headers, answers 429 with Retry-After, and opens a new window', async () => {
    let now = Date.UTC(2026, 0, 1, 12, 0, 0);
    sandbox = await startSandbox({
      port: 0,
      orders: 5,
      rateLimit: 3,
      rateLimitWindowMs: 60_000,
      now: () => now,
    });
    const [first, second] = sandbox.admin.connections();
    const token = await connectionToken(sandbox, first?.connectionKey ?? '');
    const otherToken = await connectionToken(sandbox, second?.connectionKey ?? '');

    const remaining: Array<string | null> = [];
    for (let call = 0; call < 3; call++) {
      const { status, response } = await getJson(
        sandbox,
        '/api/erp/purchase-orders?per_page=1',
        token,
      );
      expect(status).toBe(200);
      expect(response.headers.get('x-ratelimit-limit')).toBe('3');
      expect(response.headers.get('x-ratelimit-reset')).toBe(String((now + 60_000) / 1000));
      remaining.push(response.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    now += 20_000;
    const limited = await getJson(sandbox, '/api/erp/purchase-orders?per_page=1', token);
    expect(limited.status).toBe(429);
    expect(limited.response.headers.get('retry-after')).toBe('40');
    expect(ApiErrorBody.parse(limited.body).error.code).toBe('RATE_LIMIT_EXCEEDED');

    // Another connection has a window of its own.
    expect((await getJson(sandbox, '/api/erp/purchase-orders?per_page=1', otherToken)).status).toBe(
      200,
    );

    now += 40_000;
    const fresh = await getJson(sandbox, '/api/erp/purchase-orders?per_page=1', token);
    expect(fresh.status).toBe(200);
    expect(fresh.response.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('is off by default and can be set through the admin API', async () => {
    sandbox = await startSandbox({ port: 0, orders: 1 });
    const token = await connectionToken(
      sandbox,
      sandbox.admin.connections()[0]?.connectionKey ?? '',
    );
    const open = await getJson(sandbox, '/api/erp/purchase-orders', token);
    expect(open.response.headers.get('x-ratelimit-limit')).toBeNull();
    const set = await fetch(`${sandbox.url}/__sandbox/rate-limit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 1 }),
    });
    expect(set.status).toBe(200);
    expect((await getJson(sandbox, '/api/erp/purchase-orders', token)).status).toBe(200);
    expect((await getJson(sandbox, '/api/erp/purchase-orders', token)).status).toBe(429);
  });
});
