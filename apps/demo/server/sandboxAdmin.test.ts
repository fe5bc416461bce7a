import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxAdminError, sandboxAdmin } from './sandboxAdmin.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 1, adminToken: 'sandbox-admin-token' });
});
afterAll(() => sandbox.close());

describe('the demo against a sandbox that guards its admin API', () => {
  it('says which environment variable to set when the token is missing or wrong', async () => {
    const missing = await sandboxAdmin(sandbox.url)
      .connections()
      .catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(SandboxAdminError);
    expect((missing as Error).message).toMatch(/set MAKINI_SANDBOX_ADMIN_TOKEN/);
    const wrong = await sandboxAdmin(sandbox.url, 'not-it')
      .connections()
      .catch((error: unknown) => error);
    expect((wrong as Error).message).toMatch(/refused MAKINI_SANDBOX_ADMIN_TOKEN/);
    expect(await sandboxAdmin(sandbox.url, 'sandbox-admin-token').connections()).toHaveLength(
      sandbox.admin.connections().length,
    );
  });
});
