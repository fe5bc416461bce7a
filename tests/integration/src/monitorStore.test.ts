import { ConnectionHealthMonitor } from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectionClient } from './helpers.js';

let sandbox: Sandbox;
let monitor: ConnectionHealthMonitor;

beforeEach(async () => {
  sandbox = await startSandbox({ port: 0, orders: 5 });
  monitor = new ConnectionHealthMonitor({ pollIntervalMs: 60_000 });
});
afterEach(async () => {
  monitor.dispose();
  await sandbox.close();
});

describe('ConnectionHealthMonitor as an external store', () => {
  it('can be subscribed to and read through detached methods, as useSyncExternalStore calls them', async () => {
    const { client, connection } = await connectionClient(sandbox);
    const id = connection.connectionKey;
    monitor.track(id, client);
    const { subscribe, getSnapshot } = monitor;

    let notified = 0;
    const unsubscribe = subscribe(() => notified++);
    sandbox.admin.rotateCredentials(id);
    await monitor.check();
    expect(getSnapshot().connections[id]?.state).toBe('reauthorization_required');
    expect(notified).toBeGreaterThan(0);

    unsubscribe();
    const seen = notified;
    await monitor.check();
    expect(notified).toBe(seen);
  });
});
