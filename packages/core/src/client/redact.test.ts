import { afterEach, describe, expect, it } from 'vitest';
import { serveFetch } from '../../test/serveFetch.js';
import { MakiniClient } from './MakiniClient.js';
import { redactPath } from './redact.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('redactPath', () => {
  it.each([
    ['/api/x?api_key=SECRET_1', '/api/x?api_key=[redacted]'],
    ['/api/x?client+secret=SECRET_2', '/api/x?client+secret=[redacted]'],
    ['/api/x?client%5Fsecret=SECRET_3', '/api/x?client%5Fsecret=[redacted]'],
    ['/api/x?refresh%5Ftoken=SECRET_4&page=2', '/api/x?refresh%5Ftoken=[redacted]&page=2'],
    ['/api/x?X-Signature=SECRET_5', '/api/x?X-Signature=[redacted]'],
    ['/api/x?Authorization=SECRET_6', '/api/x?Authorization=[redacted]'],
    ['/api/x?PASSWORD=SECRET_7', '/api/x?PASSWORD=[redacted]'],
    ['/api/x?pass%77ord=SECRET_8', '/api/x?pass%77ord=[redacted]'],
    ['/api/x?sessionToken=SECRET_9', '/api/x?sessionToken=[redacted]'],
    ['/api/x?code=SECRET_10&state=SECRET_11', '/api/x?code=[redacted]&state=[redacted]'],
    ['/api/x?%E0%A4%A=SECRET_12', '/api/x?%E0%A4%A=[redacted]'],
    ['/api/x?page=2&per_page=10&filter%5BorderNo%5D=4500', undefined],
    // Filters and sorts name record fields, not credentials: their values stay readable in logs.
    ['/api/x?filter%5BpurchaseOrderKey%5D=PO-1&sort[vendorKey]=1', undefined],
    ['/api/x?filter[code:contains]=A1', undefined],
    ['/api/x', undefined],
  ])('%s', (path, expected) => {
    expect(redactPath(path)).toBe(expected ?? path);
  });
});

describe('the request log and hooks', () => {
  it('never show the value of a query parameter whose decoded name says it is a secret', async () => {
    const server = await serveFetch(() => Response.json({}));
    cleanups.push(server.close);
    const seen: string[] = [];
    const client = new MakiniClient({
      baseUrl: server.url,
      token: 't',
      hooks: { onRequest: (entry) => seen.push(entry.path) },
    });
    await client.request({
      method: 'GET',
      path: '/api/x',
      query: {
        api_key: 'SECRET_API_KEY_1',
        client_secret: 'SECRET_2',
        'client secret': 'SECRET_3',
      },
    });
    await client.request({
      method: 'GET',
      path: '/api/x?client%5Fsecret=SECRET_4&refresh%5Ftoken=SECRET_5',
    });
    const printed = JSON.stringify([client.requestLog.list(), seen]);
    expect(printed).toContain('[redacted]');
    expect(printed).not.toMatch(/SECRET_/);
  });
});
