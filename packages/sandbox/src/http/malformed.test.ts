import { connect } from 'node:net';
import { ApiErrorBody } from '@makini-kit/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { clientToken, connectionToken, firstConnection, getJson } from '../testHelpers.js';

let sandbox: Sandbox;
let dataToken: string;
let systemToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 20, maxBodyBytes: 4096 });
  dataToken = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
  systemToken = await clientToken(sandbox);
});
afterAll(() => sandbox.close());

/** Writes raw bytes on a fresh socket and resolves with whatever comes back. */
function raw(bytes: string): Promise<string> {
  const url = new URL(sandbox.url);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname, () => socket.end(bytes));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', () => resolve(answer));
  });
}

const malformed: Array<() => Promise<{ status: number; text: string }>> = [
  () => raw('GARBAGE\r\n\r\n').then((text) => ({ status: Number(text.split(' ')[1] ?? 0), text })),
  () =>
    raw('GET /api/erp/purchase-orders HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n').then(
      (text) => ({ status: Number(text.split(' ')[1] ?? 0), text }),
    ),
  async () => {
    const response = await fetch(`${sandbox.url}/api/erp/purchase-orders?per_page=%%%`, {
      headers: { authorization: `Bearer ${dataToken}` },
    });
    return { status: response.status, text: await response.text() };
  },
  async () => {
    const response = await fetch(`${sandbox.url}/api/erp/purchase-orders/%E0%A4%A`, {
      headers: { authorization: `Bearer ${dataToken}` },
    });
    return { status: response.status, text: await response.text() };
  },
  async () => {
    const response = await fetch(`${sandbox.url}/api/system/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${systemToken}`, 'content-type': 'application/json' },
      body: '{"name": "unterminated',
    });
    return { status: response.status, text: await response.text() };
  },
  async () => {
    const response = await fetch(`${sandbox.url}/api/system/connections`, {
      method: 'POST',
      headers: { authorization: `Bearer ${systemToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(10_000) }),
    });
    return { status: response.status, text: await response.text() };
  },
  async () => {
    const response = await fetch(`${sandbox.url}/link/token`, {
      method: 'POST',
      body: 'grant_type=%',
    });
    return { status: response.status, text: await response.text() };
  },
  async () => {
    const response = await fetch(`${sandbox.url}/api/system/connections/1/metadata`, {
      method: 'POST',
      headers: { authorization: `Bearer ${systemToken}`, 'content-type': 'application/json' },
      body: '[{"key": 5}]',
    });
    return { status: response.status, text: await response.text() };
  },
];

describe('a barrage of malformed requests', () => {
  it('answers 1,000 in a row with 4xx and no stack traces, and keeps serving', async () => {
    const statuses = new Map<number, number>();
    for (let round = 0; round < 1000; round++) {
      const send = malformed[round % malformed.length];
      if (!send) continue;
      const { status, text } = await send();
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect(status, text).toBeGreaterThanOrEqual(400);
      expect(status, text).toBeLessThan(500);
      expect(text).not.toMatch(/\n\s+at .+:\d+:\d+/);
      if (text.startsWith('{'))
        expect(ApiErrorBody.safeParse(JSON.parse(text)).success || text.includes('"error":"')).toBe(
          true,
        );
    }
    expect([...statuses.keys()].sort()).toEqual([400, 404, 413]);
    const healthy = await getJson(sandbox, '/api/erp/purchase-orders?per_page=1', dataToken);
    expect(healthy.status).toBe(200);
  }, 60_000);
});

describe('close()', () => {
  it('leaves no server or socket handles behind', async () => {
    const handles = (kind: string) =>
      process.getActiveResourcesInfo().filter((name) => name === kind).length;
    const count = () => handles('TCPServerWrap') + handles('TCPSocketWrap');
    const servers = handles('TCPServerWrap');
    const before = count();
    const extra = await startSandbox({ port: 0, orders: 1 });
    const token = await connectionToken(extra, firstConnection(extra).connectionKey);
    await getJson(extra, '/api/erp/purchase-orders', token);
    expect(count()).toBeGreaterThan(before);
    await extra.close();
    for (let wait = 0; wait < 50 && count() > before; wait++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(handles('TCPServerWrap')).toBe(servers);
    // Other tests' idle keep-alive sockets may close meanwhile, so sockets are bounded, not equal.
    expect(count()).toBeLessThanOrEqual(before);
    await expect(fetch(extra.url)).rejects.toThrow();
  });
});
