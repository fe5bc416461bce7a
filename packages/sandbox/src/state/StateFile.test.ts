import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiErrorBody, TokenResponse } from '@makini-kit/core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT } from '../options.js';
import { type Sandbox, startSandbox } from '../startSandbox.js';
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

  it('keeps token families: a refresh token used before a restart is a replay after it', async () => {
    const stateFile = join(directory, 'families.json');
    const refresh = (sandbox: Sandbox, token: string) =>
      fetch(`${sandbox.url}/link/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: token,
          client_id: DEFAULT_CLIENT.id,
          client_secret: DEFAULT_CLIENT.secret,
        }),
      });
    const first = await startSandbox({ port: 0, orders: 1, stateFile });
    const link = await runLink(first, {
      platform: 'ibm-maximo',
      username: 'FAMILY',
      password: 'pw-1',
    });
    const issued = TokenResponse.parse(
      (await exchangeCode(first, link.location?.searchParams.get('code') ?? '')).body,
    );
    const next = TokenResponse.parse(
      await (await refresh(first, issued.refresh_token ?? '')).json(),
    );
    const third = TokenResponse.parse(
      await (await refresh(first, next.refresh_token ?? '')).json(),
    );
    await first.close();

    const second = await startSandbox({ port: 0, orders: 1, stateFile });
    try {
      const status = async (token: string) =>
        (await getJson(second, '/api/integrations/current', token)).status;
      expect(await status(third.access_token)).toBe(200);
      expect((await refresh(second, issued.refresh_token ?? '')).status).toBe(400);
      expect(await status(next.access_token)).toBe(401);
      expect(await status(third.access_token)).toBe(401);
      expect(second.admin.stats().refreshTokenReuse).toBe(1);
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
