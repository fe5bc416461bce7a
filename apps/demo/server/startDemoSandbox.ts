import { dirname, join } from 'node:path';
import { DEFAULT_CLIENT, startSandbox } from '@makini-kit/sandbox';

/**
 * The embedded sandbox, seeded with 250 orders and the demo's client; unless `makiniUrl` names a
 * Makini (or a separate sandbox) to use instead. It keeps its state beside the tokens, so both
 * survive a restart together.
 */
export async function startDemoSandbox(options: {
  port: number;
  dataFile: string;
  makiniUrl?: string | undefined;
  sandboxAdminToken?: string | undefined;
}) {
  const sandbox = options.makiniUrl
    ? undefined
    : await startSandbox({
        port: options.port,
        orders: 250,
        clients: [{ ...DEFAULT_CLIENT, name: 'Acme Procurement' }],
        stateFile: join(dirname(options.dataFile), 'sandbox-state.json'),
        ...(options.sandboxAdminToken ? { adminToken: options.sandboxAdminToken } : {}),
      });
  return { sandbox, makiniUrl: options.makiniUrl ?? sandbox?.url ?? '' };
}
