import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../http/readBody.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
import { StateFile } from '../state/StateFile.js';
import { connectionToken, firstConnection, getJson, startReceiver } from '../testHelpers.js';
import { WebhookSender } from '../webhooks/WebhookSender.js';

/**
 * A hostile body never crashes the process that embeds the sandbox, and is refused whole: nothing
 * of it is stored, sent as a webhook or written to the state file.
 */
const directory = mkdtempSync(join(tmpdir(), 'makini-sandbox-hostile-'));
const stateFile = join(directory, 'state.json');
let sandbox: Sandbox;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let token: string;

beforeAll(async () => {
  receiver = await startReceiver();
  sandbox = await startSandbox({
    port: 0,
    orders: 10,
    stateFile,
    webhooks: [{ url: receiver.url }],
  });
  token = await connectionToken(sandbox, firstConnection(sandbox).connectionKey);
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
  rmSync(directory, { recursive: true, force: true });
});

const put = (path: string, body: string) =>
  fetch(`${sandbox.url}${path}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });

describe('a deeply nested body', () => {
  it('is refused with 400 naming the depth limit, and nothing of it is stored', async () => {
    const first = await getJson<{ data: Array<{ key: string }> }>(
      sandbox,
      '/api/erp/customers?per_page=1',
      token,
    );
    const key = first.body.data[0]?.key ?? '';
    const depth = 20_000;
    const response = await put(
      `/api/erp/customers/${key}`,
      `{"name":"Deep","zz":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toContain(`${MAX_JSON_DEPTH} levels`);

    const after = await getJson<{ data: { name: string } }>(
      sandbox,
      `/api/erp/customers/${key}`,
      token,
    );
    expect(after.status).toBe(200);
    expect(after.body.data.name).not.toBe('Deep');
    expect((await getJson(sandbox, '/api/erp/customers?per_page=5', token)).status).toBe(200);
  });

  it('at the limit is still parsed (a body as deep as the limit allows)', async () => {
    const depth = MAX_JSON_DEPTH - 1;
    const response = await put(
      '/api/erp/customers/none',
      `{"zz":${'['.repeat(depth)}${']'.repeat(depth)}}`,
    );
    // Parsed, then refused for what it says, not for its depth.
    expect(response.status).not.toBe(400);
  });

  it('keeps brackets inside strings out of the count', async () => {
    const deepText = JSON.stringify({ name: '['.repeat(5000) });
    const first = await getJson<{ data: Array<{ key: string }> }>(
      sandbox,
      '/api/erp/customers?per_page=1',
      token,
    );
    const response = await put(`/api/erp/customers/${first.body.data[0]?.key}`, deepText);
    expect(response.status).toBe(200);
  });
});

describe('what runs after a write', () => {
  it('a webhook whose data cannot be serialized is recorded as failed, not thrown', async () => {
    const sender = new WebhookSender([], Date.now);
    sender.register({ url: receiver.url });
    const data: Record<string, unknown> = {};
    data.self = data;
    sender.emit('customer.updated', 'c', data);
    const attempt = await sender.waitForDelivery(() => true);
    expect(attempt).toMatchObject({ ok: false, status: null });
    expect(attempt.error).toContain('serialize');
    sender.close();
  });

  it('a state file whose state cannot be serialized logs and keeps the old file', async () => {
    const path = join(directory, 'broken.json');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const file = new StateFile(path, () => cyclic as never);
    expect(() => file.flush()).not.toThrow();
    file.changed();
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(() => readFileSync(path)).toThrow();
  });
});
