import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFetch } from '../../test/serveFetch.js';
import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';
import { MakiniClient } from './MakiniClient.js';

let server: Awaited<ReturnType<typeof serveFetch>>;
const keys: Array<string | null> = [];
beforeAll(async () => {
  server = await serveFetch((request) => {
    keys.push(request.headers.get('idempotency-key'));
    return new Response('{"error":{"code":"SERVER_ERROR"}}', { status: 503 });
  });
});
afterAll(() => server.close());

const client = () =>
  new MakiniClient({
    baseUrl: server.url,
    token: 't',
    maxRetries: 2,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
  });

const BAD: Array<[string, unknown, RegExp]> = [
  ['empty', '', /a blank string/],
  ['blank', '   ', /a blank string/],
  ['padded', ' k-1 ', /spaces around it/],
  ['with a newline', 'k-1\nx', /printable ASCII/],
  ['not ASCII', 'clé', /printable ASCII/],
  ['a number', 42, /got number/],
];

describe('client.request with an idempotencyKey it cannot send', () => {
  it.each(BAD)('%s: rejects with InvalidArgumentError before sending', async (_, key, got) => {
    keys.length = 0;
    const error = await client()
      .request({ method: 'POST', path: '/api/passthrough', body: {}, idempotencyKey: key as never })
      .catch((caught: unknown) => caught);
    expect(InvalidArgumentError.is(error)).toBe(true);
    expect(error).toMatchObject({ argument: 'idempotencyKey', method: 'POST' });
    expect((error as Error).message).toMatch(got);
    expect(keys).toEqual([]);
  });

  it('a write through a resource refuses the same keys', async () => {
    keys.length = 0;
    for (const [, key] of BAD) {
      const error = await client()
        .passthrough.request({ path: '/x', method: 'get' }, { idempotencyKey: key as never })
        .catch((caught: unknown) => caught);
      expect(InvalidArgumentError.is(error)).toBe(true);
    }
    expect(keys).toEqual([]);
  });

  it('a key it sends makes the POST retried, each attempt with the key', async () => {
    keys.length = 0;
    await client()
      .request({ method: 'POST', path: '/api/passthrough', body: {}, idempotencyKey: 'k-1' })
      .catch(() => undefined);
    expect(keys).toEqual(['k-1', 'k-1', 'k-1']);
    keys.length = 0;
    await client()
      .request({ method: 'POST', path: '/api/passthrough', body: {} })
      .catch(() => undefined);
    expect(keys).toEqual([null]);
  });
});
