import { AuthenticationError, exchangeCode, ReauthorizationRequiredError } from '@makini-kit/core';
import type { DemoConfig } from './config.js';
import type { DemoConnections } from './DemoConnections.js';
import { consentAs, type SandboxAdminClient } from './sandboxAdmin.js';

/**
 * At start: opens every stored connection, reconnects those whose token this Makini does not know
 * (a fresh sandbox) and connects the sandbox's seeded customers not stored yet. On replicas, the
 * first one does this; the others find everything stored.
 */
export async function reopenConnections(
  config: DemoConfig,
  connections: DemoConnections,
  admin: SandboxAdminClient,
  log: (line: string) => void,
) {
  const redirectUri = `${config.appUrl}/link/callback`;
  const link = async (account: Parameters<typeof consentAs>[1]) =>
    exchangeCode({
      baseUrl: config.makiniUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUri,
      code: await consentAs({ ...config, redirectUri }, account),
    });
  const seeded = await admin.connections();
  const stored = await connections.list();
  for (const entry of stored) {
    const client = await connections.client(entry.key);
    try {
      await client?.integrations.current({ maxRetries: 0 });
    } catch (error) {
      const staleToken = AuthenticationError.is(error) && !ReauthorizationRequiredError.is(error);
      const account = seeded.find((candidate) => candidate.connectionKey === entry.key);
      if (staleToken && account) {
        log(
          `[demo] stored token for ${entry.key} is unknown to this Makini (a fresh sandbox): reconnecting`,
        );
        await connections.connect(await link(account));
      }
    }
  }
  for (const account of seeded) {
    if (stored.some((entry) => entry.key === account.connectionKey)) continue;
    if (account.status !== 'active') continue;
    await connections.connect(await link(account));
  }
}
