/**
 * Requests per second for a page of 100 purchase orders: the sandbox against a bare `node:http`
 * server that sends the same bytes, both on loopback with keep-alive, interleaved in one run.
 * Read the result as the ratio vitest prints ("x times faster than").
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, bench, describe } from 'vitest';
import { startSandbox } from '../src/startSandbox.js';
import { connectionToken, firstConnection } from '../src/testHelpers.js';

const sandbox = await startSandbox({ port: 0, orders: 1000 });
const token = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
const path = '/api/erp/purchase-orders?per_page=100&page=3';
const body = await (
  await fetch(`${sandbox.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
).text();

const bare = createServer((_request, response) => {
  response.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
});
await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
const barePort = (bare.address() as AddressInfo).port;
const sandboxPort = Number(new URL(sandbox.url).port);
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function get(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(
      { host: '127.0.0.1', port, path, agent, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
        });
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(size)
            : reject(new Error(String(response.statusCode))),
        );
      },
    );
    call.on('error', reject);
    call.end();
  });
}

const inFlight = (port: number) => Promise.all(Array.from({ length: 16 }, () => get(port)));

afterAll(async () => {
  agent.destroy();
  await new Promise((resolve) => bare.close(resolve));
  await sandbox.close();
});

describe('page of 100 purchase orders, sequential', () => {
  bench('bare node:http, same bytes', () => get(barePort).then(() => undefined), { time: 2000 });
  bench('sandbox', () => get(sandboxPort).then(() => undefined), { time: 2000 });
});

describe('page of 100 purchase orders, 16 in flight', () => {
  bench('bare node:http, same bytes', () => inFlight(barePort).then(() => undefined), {
    time: 2000,
  });
  bench('sandbox', () => inFlight(sandboxPort).then(() => undefined), { time: 2000 });
});

describe('start-up', () => {
  bench('startSandbox with 250 orders', async () => (await startSandbox({ orders: 250 })).close(), {
    time: 1000,
  });
  bench(
    'startSandbox with 100,000 orders',
    async () => (await startSandbox({ orders: 100_000 })).close(),
    { time: 1000 },
  );
});
