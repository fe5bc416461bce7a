import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox | undefined;
afterEach(() => sandbox?.close());

describe("client-side rate limiting against the sandbox's per-connection limit", () => {
  it('sends 45 concurrent calls through a limit of 15 per second with zero 429s', async () => {
    sandbox = await startSandbox({ port: 0, orders: 50, rateLimit: 15, rateLimitWindowMs: 1000 });
    const { client } = await connectionClient(sandbox, 0, {
      rateLimit: { limit: 15, windowMs: 1000 },
    });
    const results = await Promise.all(
      Array.from({ length: 45 }, () => client.purchaseOrders.get('50000000000001')),
    );
    expect(results).toHaveLength(45);
    const statuses = client.requestLog.list().map((entry) => entry.status);
    expect(statuses.filter((status) => status === 429)).toEqual([]);
    expect(statuses.filter((status) => status === 200)).toHaveLength(45);
  });

  it('without the limiter the same burst meets 429s (and retries through them)', async () => {
    sandbox = await startSandbox({ port: 0, orders: 50, rateLimit: 15, rateLimitWindowMs: 1000 });
    const { client } = await connectionClient(sandbox, 0, { maxRetries: 5 });
    const results = await Promise.all(
      Array.from({ length: 45 }, () => client.purchaseOrders.get('50000000000001')),
    );
    expect(results).toHaveLength(45);
    expect(client.requestLog.list().filter((entry) => entry.status === 429).length).toBeGreaterThan(
      0,
    );
  });
});
