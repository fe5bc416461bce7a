import { ServerError } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20, seed: 5 });
});
afterAll(() => sandbox.close());

const fast = { backoff: { initialDelayMs: 5, maxDelayMs: 20 }, maxRetries: 3 };
const path = '/api/erp/purchase-orders/50000000000001';

/** The attempts the sandbox saw for `method path`, with the key each carried. */
function attempts(method: string) {
  return sandbox.admin
    .requests()
    .filter((entry) => entry.method === method && entry.path.startsWith(path))
    .map((entry) => ({ status: entry.status, key: entry.headers['idempotency-key'] }));
}

describe('a write is retried only with an idempotency key', () => {
  for (const method of ['PUT', 'PATCH', 'POST'] as const) {
    it(`${method} without a key: a 503 is final, after one attempt`, async () => {
      const { client } = await connectionClient(sandbox, 0, fast);
      sandbox.admin.clearFaults();
      const before = attempts(method).length;
      sandbox.admin.addFault({ route: path, method, kind: 'error', status: 503, times: 2 });
      const error = await client
        .request({ method, path, body: { title: 'x' } })
        .catch((caught: unknown) => caught);
      sandbox.admin.clearFaults();
      expect(ServerError.is(error)).toBe(true);
      expect((error as ServerError).attempts).toBe(1);
      expect(attempts(method).slice(before)).toEqual([{ status: 503, key: undefined }]);
    });

    it(`${method} with a key: 503s are retried, every attempt with the same key`, async () => {
      const { client } = await connectionClient(sandbox, 0, fast);
      const before = attempts(method).length;
      sandbox.admin.addFault({ route: path, method, kind: 'error', status: 503, times: 2 });
      await client
        .request({ method, path, body: { title: 'x' }, idempotencyKey: `key-${method}` })
        .catch(() => undefined);
      sandbox.admin.clearFaults();
      const seen = attempts(method).slice(before);
      expect(seen.map((attempt) => attempt.status).slice(0, 2)).toEqual([503, 503]);
      // The third attempt reached the route itself, whatever it answers.
      expect(seen).toHaveLength(3);
      expect(seen.every((attempt) => attempt.key === `key-${method}`)).toBe(true);
    });
  }
});
