import {
  ConnectionHealthMonitor,
  type ConnectionHealthMonitorOptions,
  type HealthAlert,
  type HealthBus,
  MakiniClient,
  MemoryHealthBus,
  MemoryPollLeases,
  type PollLeases,
} from '@makini-kit/core';
import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RedisHealthBus } from '../../src/RedisHealthBus.js';
import { RedisPollLeases } from '../../src/RedisPollLeases.js';
import { testPrefix } from '../redisUrl.js';
import { createConnections } from '../tokens/sandboxConnections.js';
import { replicaClients } from './redisClients.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 1 });
});
afterAll(async () => {
  await sandbox.close();
});

const monitors: ConnectionHealthMonitor[] = [];
afterEach(() => {
  for (const monitor of monitors.splice(0)) monitor.dispose();
});

/** What each replica shares: one memory bus for all, or a Redis bus and leases per replica. */
type Backend = {
  name: string;
  shared: () => Promise<
    () => Promise<{ bus: HealthBus; leases: PollLeases; ping: () => Promise<unknown> }>
  >;
};

const backends: Backend[] = [
  {
    name: 'MemoryHealthBus',
    shared: async () => {
      const bus = new MemoryHealthBus();
      const leases = new MemoryPollLeases();
      return async () => ({ bus, leases, ping: async () => undefined });
    },
  },
  ...replicaClients().map(({ name, open }) => ({
    name: `RedisHealthBus with ${name}`,
    shared: async () => {
      const prefix = testPrefix('monitor');
      return async () => {
        const connection = await open();
        return {
          bus: new RedisHealthBus({ connection, prefix }),
          leases: new RedisPollLeases({ connection, prefix }),
          // Replies come in order: once this answers, every earlier command of the replica has.
          ping: () => connection.command('test.ping', ['PING']),
        };
      };
    },
  })),
];

/** Waits for the replies a replica's earlier Redis commands and the code they resume. */
const settled = async (replicas: Array<{ ping: () => Promise<unknown> }>) => {
  await Promise.all(replicas.map((replica) => replica.ping()));
  await new Promise((resolve) => setImmediate(resolve));
};

describe.each(backends)('ConnectionHealthMonitor on several replicas, $name', ({ shared }) => {
  async function replicas(
    count: number,
    connections: Array<{ connectionKey: string; tokens: { accessToken: string } }>,
    options: ConnectionHealthMonitorOptions = {},
  ) {
    const next = await shared();
    const alerts: HealthAlert[] = [];
    const polls: Array<{ replica: number; connectionId: string }> = [];
    const made = [];
    for (let index = 0; index < count; index++) {
      const parts = await next();
      const monitor = new ConnectionHealthMonitor({
        pollIntervalMs: 60_000,
        ...options,
        bus: parts.bus,
        leases: parts.leases,
        replicaId: `replica-${index}`,
        onAlert: (alert) => alerts.push(alert),
      });
      monitors.push(monitor);
      for (const { connectionKey, tokens } of connections) {
        const client = new MakiniClient({
          baseUrl: sandbox.url,
          token: tokens.accessToken,
          connectionKey,
          maxRetries: 0,
        });
        client.subscribe({
          onRequest: (event) => {
            if (event.path === '/api/integrations/current') {
              polls.push({ replica: index, connectionId: connectionKey });
            }
          },
        });
        monitor.track(connectionKey, client);
      }
      await monitor.ready;
      made.push({ monitor, ...parts });
    }
    return { replicas: made, alerts, polls };
  }

  it("shows a change any replica observes on every replica's subscribers, without republishing it", async () => {
    const [connection] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    const id = connection?.connectionKey ?? '';
    const { replicas: [a, b, c] = [] } = await replicas(3, connection ? [connection] : []);
    const notified: string[] = [];
    b?.monitor.subscribe(() => notified.push(b.monitor.get(id)?.state ?? 'none'));
    // b's first subscriber starts its polling: its answer (healthy) reaches every replica first.
    for (const replica of [a, b, c]) {
      await expect.poll(() => replica?.monitor.get(id)?.state).toBe('healthy');
    }
    await a?.monitor.applyEvent({
      id: 'evt_1',
      type: 'connection.reauthorization_required',
      created_at: new Date().toISOString(),
      connection_id: id,
      data: { reason: 'Password changed' },
    } as never);
    await expect.poll(() => b?.monitor.get(id)?.state).toBe('reauthorization_required');
    await expect.poll(() => c?.monitor.get(id)?.reason).toBe('Password changed');
    expect(notified).toContain('reauthorization_required');
    // b and c took it as it was published, and did not publish it again: a later change by c
    // reaches a as c's, with a's history.
    const history = a?.monitor.get(id)?.history;
    expect(b?.monitor.get(id)?.history).toEqual(history);
    expect(c?.monitor.get(id)?.history).toEqual(history);
  });

  it('sends one alert per episode however many replicas observe it', async () => {
    const [connection] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    const id = connection?.connectionKey ?? '';
    const { replicas: made, alerts } = await replicas(3, connection ? [connection] : []);
    // Every replica sees the connection healthy first, and they agree on when the episode began.
    await Promise.all(made.map(({ monitor }) => monitor.check(id)));
    const history = () => made.map(({ monitor }) => JSON.stringify(monitor.get(id)?.history));
    await expect.poll(() => new Set(history()).size).toBe(1);
    // Then each one finds it broken, on its own.
    sandbox.admin.rotateCredentials(id);
    await Promise.all(made.map(({ monitor }) => monitor.check(id)));
    await settled(made);
    for (const { monitor } of made) expect(monitor.get(id)?.state).toBe('reauthorization_required');
    expect(alerts.map((alert) => alert.kind)).toEqual(['reauthorization_required']);
  });

  it('loads what was published before a replica started', async () => {
    const [connection] = await createConnections(sandbox.url, 1, Date.now() + 86_400_000);
    const id = connection?.connectionKey ?? '';
    const next = await shared();
    const first = await next();
    const publisher = new ConnectionHealthMonitor({ bus: first.bus });
    monitors.push(publisher);
    publisher.track(id, new MakiniClient({ baseUrl: sandbox.url, token: 'unused' }));
    await publisher.applyEvent({
      id: 'evt_2',
      type: 'sync.failed',
      created_at: new Date().toISOString(),
      connection_id: id,
      data: { error: { message: 'Sync failed at step 3.' } },
    } as never);
    await settled([first]);
    const late = new ConnectionHealthMonitor({ bus: (await next()).bus });
    monitors.push(late);
    await late.ready;
    expect(late.get(id)).toMatchObject({ state: 'degraded', reason: 'Sync failed at step 3.' });
  });

  it('polls each connection from one replica, and only while that replica has subscribers', async () => {
    const connections = await createConnections(sandbox.url, 12, Date.now() + 86_400_000);
    // Leases far longer than the test: a replica slowed down by a loaded machine keeps its share
    // (taking over from a replica that stopped claiming is tested in RedisPollLeases.test.ts and
    // replicaProcesses.test.ts); giving its connections up here is the replica's own leave.
    const { replicas: made, polls } = await replicas(3, connections, {
      pollIntervalMs: 250,
      leaseMs: 60_000,
    });
    const stops = made.map(({ monitor }) => monitor.subscribe(() => {}));
    const pollsOf = (id: string) => polls.filter((poll) => poll.connectionId === id);
    // Until every connection has been polled four times since the replicas settled.
    await expect
      .poll(() => connections.every(({ connectionKey }) => pollsOf(connectionKey).length >= 6))
      .toBe(true);
    for (const { connectionKey } of connections) {
      const pollers = new Set(
        pollsOf(connectionKey)
          .slice(-4)
          .map((poll) => poll.replica),
      );
      expect(pollers.size).toBe(1);
    }
    expect(new Set(polls.slice(-12).map((poll) => poll.replica)).size).toBeGreaterThan(1);

    // The replica that polls the most connections loses its last subscriber: it stops polling
    // and gives them up. (Rendezvous hashing may give one replica none of the twelve.)
    const ownerOf = (id: string) => pollsOf(id).at(-1)?.replica;
    const owned = [0, 1, 2].map(
      (replica) =>
        connections.filter(({ connectionKey }) => ownerOf(connectionKey) === replica).length,
    );
    const leaving = owned.indexOf(Math.max(...owned));
    const mine = connections.filter(({ connectionKey }) => ownerOf(connectionKey) === leaving);
    expect(mine.length).toBeGreaterThan(0);
    stops[leaving]?.();
    const after = polls.length;
    await expect
      .poll(() =>
        mine.every(({ connectionKey }) =>
          polls.slice(after).some((poll) => poll.connectionId === connectionKey),
        ),
      )
      .toBe(true);
    await settled(made);
    expect(polls.slice(after).filter((poll) => poll.replica === leaving)).toEqual([]);
    for (const stop of stops) stop();
  });
});
