import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiErrorBody } from '@makini-kit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../startSandbox.js';
import { connectionToken, exchangeCode, getJson, runLink } from '../testHelpers.js';

const directory = mkdtempSync(join(tmpdir(), 'makini-sandbox-state-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('stateFile', () => {
  it('keeps tokens, created connections and rotated credentials across a restart', async () => {
    const stateFile = join(directory, 'state.json');
    const first = await startSandbox({ port: 0, orders: 5, stateFile });
    const [kept, rotated] = first.admin.connections();
    if (!kept || !rotated) throw new Error('seeded connections missing');
    const keptToken = await connectionToken(first, kept.connectionKey);
    const link = await runLink(first, {
      platform: 'ibm-maximo',
      username: 'NEW_CUSTOMER',
      password: 'pw-1',
    });
    const created = (await exchangeCode(first, link.location?.searchParams.get('code') ?? '')).body;
    const credentials = first.admin.rotateCredentials(rotated.connectionKey);
    await first.close();

    const second = await startSandbox({ port: 0, orders: 5, stateFile });
    try {
      expect((await getJson(second, '/api/erp/purchase-orders?per_page=1', keptToken)).status).toBe(
        200,
      );
      expect(
        (await getJson(second, '/api/integrations/current', String(created.access_token))).status,
      ).toBe(200);
      const broken = await connectionToken(second, rotated.connectionKey).then((token) =>
        getJson(second, '/api/erp/purchase-orders', token),
      );
      expect(ApiErrorBody.parse(broken.body).error.code).toBe('REAUTHORIZATION_REQUIRED');
      const accounts = second.admin.connections();
      expect(
        accounts.find((account) => account.connectionKey === rotated.connectionKey)?.password,
      ).toBe(credentials.password);
      expect(accounts.map((account) => account.username)).toContain('NEW_CUSTOMER');
      expect(accounts).toHaveLength(5);
    } finally {
      await second.close();
    }
  });

  it('starts fresh without one', async () => {
    const sandbox = await startSandbox({ port: 0, orders: 1 });
    expect(sandbox.admin.connections()).toHaveLength(4);
    await sandbox.close();
  });
});
