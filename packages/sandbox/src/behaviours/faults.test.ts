import { ApiErrorBody } from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { connectionToken, getJson } from '../testHelpers.js';

const opened: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sandbox) => sandbox.close()));
});

async function open(seed: number) {
  const sandbox = await startSandbox({ port: 0, orders: 5, seed });
  opened.push(sandbox);
  const token = await connectionToken(sandbox, sandbox.admin.connections()[0]?.connectionKey ?? '');
  return { sandbox, token };
}

/** Status of each of `count` sequential calls; 0 for a broken connection. */
async function statuses(sandbox: Sandbox, token: string, count: number) {
  const seen: number[] = [];
  for (let call = 0; call < count; call++) {
    try {
      const response = await fetch(`${sandbox.url}/api/erp/purchase-orders?per_page=1`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await response.json();
      seen.push(response.status);
    } catch {
      seen.push(0);
    }
  }
  return seen;
}

describe('fault injection', () => {
  it('is deterministic for a seed when probabilistic', async () => {
    const runs = [];
    for (const seed of [11, 11, 12]) {
      const { sandbox, token } = await open(seed);
      sandbox.admin.addFault({ route: '/api/erp/*', kind: 'error', status: 503, probability: 0.3 });
      sandbox.admin.addFault({
        route: '/api/erp/*',
        kind: 'rate_limit',
        probability: 0.1,
        retryAfterSeconds: 2,
      });
      runs.push(await statuses(sandbox, token, 60));
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).not.toEqual(runs[2]);
    const failures = runs[0]?.filter((status) => status !== 200).length ?? 0;
    expect(failures).toBeGreaterThan(10);
    expect(failures).toBeLessThan(35);
    expect(runs[0]).toContain(429);
  });

  it('fails exactly the next N calls when scripted, then stops', async () => {
    const { sandbox, token } = await open(1);
    const rule = sandbox.admin.addFault({
      route: '/api/erp/purchase-orders',
      kind: 'error',
      status: 500,
      times: 3,
    });
    expect(await statuses(sandbox, token, 5)).toEqual([500, 500, 500, 200, 200]);
    expect(sandbox.admin.faults().some((fault) => fault.id === rule.id)).toBe(false);
  });

  it('sends error bodies with a request id and Retry-After on 429', async () => {
    const { sandbox, token } = await open(1);
    sandbox.admin.addFault({ route: '/api/', kind: 'rate_limit', retryAfterSeconds: 7, times: 1 });
    const { status, body, response } = await getJson(sandbox, '/api/erp/purchase-orders', token);
    expect(status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('7');
    expect(ApiErrorBody.parse(body).error.request_id).toBe(response.headers.get('x-request-id'));
  });

  it('drops connections, truncates and malforms bodies', async () => {
    const { sandbox, token } = await open(1);
    for (const kind of ['drop', 'truncate', 'malformed'] as const) {
      sandbox.admin.addFault({ route: '/api/erp/', kind, times: 1 });
      const outcome = await fetch(`${sandbox.url}/api/erp/purchase-orders`, {
        headers: { authorization: `Bearer ${token}` },
      })
        .then((response) => response.json())
        .then(
          () => 'parsed',
          (error: Error) => error.name,
        );
      expect(outcome, kind).not.toBe('parsed');
    }
    expect((await getJson(sandbox, '/api/erp/purchase-orders', token)).status).toBe(200);
  });

  it('adds latency without failing the call', async () => {
    const { sandbox, token } = await open(1);
    sandbox.admin.addFault({ route: '/api/erp/', kind: 'latency', latencyMs: 120, times: 1 });
    const started = performance.now();
    expect((await getJson(sandbox, '/api/erp/purchase-orders', token)).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
  });

  it('refuses a bad rule over HTTP naming the field', async () => {
    const { sandbox } = await open(1);
    const response = await fetch(`${sandbox.url}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: '/api/', kind: 'explode', times: 1 }),
    });
    expect(response.status).toBe(400);
    expect(Object.keys(ApiErrorBody.parse(await response.json()).error.fields ?? {})).toEqual([
      'kind',
    ]);
  });
});
