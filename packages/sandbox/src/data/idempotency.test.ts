import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, firstConnection, getJson } from '../testHelpers.js';
import { IdempotencyStore } from './IdempotencyStore.js';

/** `Idempotency-Key`s expire on the sandbox clock and are bounded per connection. */
let sandbox: Sandbox;
let token: string;
let customerKey: string;
let clock = Date.UTC(2025, 0, 6, 9);
const HOUR = 3_600_000;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 2, now: () => clock, idempotencyMaxKeys: 3 });
  token = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
  customerKey =
    (
      await getJson<{ data: Array<{ key: string }> }>(
        sandbox,
        '/api/erp/customers?per_page=1',
        token,
      )
    ).body.data[0]?.key ?? '';
});
afterAll(() => sandbox.close());

const put = async (name: string, key: string) => {
  const response = await fetch(`${sandbox.url}/api/erp/customers/${customerKey}`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({ name }),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') };
};

describe('idempotency keys', () => {
  it('are kept 24 hours on the sandbox clock, then a key is new again', async () => {
    expect(await put('A', 'ttl')).toEqual({ status: 200, replayed: null });
    clock += 23 * HOUR;
    expect(await put('A', 'ttl')).toEqual({ status: 200, replayed: 'true' });
    // Another body under a kept key is a conflict.
    expect((await put('B', 'ttl')).status).toBe(409);
    clock += 1 * HOUR;
    // Expired: the other body is applied as a new write.
    expect(await put('B', 'ttl')).toEqual({ status: 200, replayed: null });
  });

  it('past the cap, the least recently used key is forgotten', async () => {
    await put('1', 'k1');
    await put('2', 'k2');
    await put('3', 'k3');
    // Using k1 again makes k2 the least recently used.
    expect((await put('1', 'k1')).replayed).toBe('true');
    await put('4', 'k4');
    expect((await put('1', 'k1')).replayed).toBe('true');
    expect((await put('3', 'k3')).replayed).toBe('true');
    // k2 was forgotten: another body under it is applied, not refused with 409.
    expect(await put('other', 'k2')).toEqual({ status: 200, replayed: null });
  });

  it('keep replies within a byte budget', () => {
    const store = new IdempotencyStore({ maxBytes: 1000 });
    const reply = { status: 200, json: { data: 'x'.repeat(400) } };
    for (const key of ['a', 'b', 'c']) store.set(key, { fingerprint: key, reply }, 0);
    expect(store.size).toBe(2);
    expect(store.get('a', 0)).toBeUndefined();
    expect(store.get('c', 0)?.fingerprint).toBe('c');
  });
});
