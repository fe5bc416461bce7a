import { type Sandbox, startSandbox } from '@makini-kit/sandbox';
import { createTestWebhook } from '@makini-kit/webhook-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, testPrefix } from '../redisUrl.js';
import { HealthReplicaProcess, killHealthReplicas } from './HealthReplicaProcess.js';
import type { HealthReplicaConfig } from './healthReplicaProtocol.js';
import { followHealth } from './sseSnapshots.js';
import { createSystemConnections } from './systemConnections.js';

const SECRET = `whsec_${Buffer.from('health replicas test secret 32b!').toString('base64')}`;

let sandbox: Sandbox;
const streams: Array<{ close: () => Promise<void> }> = [];
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, orders: 1 });
});
afterEach(async () => {
  await Promise.all(streams.splice(0).map((stream) => stream.close()));
  await killHealthReplicas();
});
afterAll(async () => {
  await sandbox.close();
});

type Connections = HealthReplicaConfig['connections'];

/** Three replicas, A and B on ioredis and C on node-redis, sharing one Redis and one sandbox. */
async function replicas(connections: Connections, options: Partial<HealthReplicaConfig> = {}) {
  const prefix = testPrefix('health-replicas');
  const start = (replicaId: string, client: HealthReplicaConfig['client']) =>
    HealthReplicaProcess.start({
      replicaId,
      redisUrl: REDIS_URL,
      client,
      prefix,
      sandboxUrl: sandbox.url,
      connections,
      webhookSecret: SECRET,
      pollIntervalMs: 500,
      shared: true,
      subscribed: false,
      reportPolls: true,
      ...options,
    });
  const started = await Promise.all([
    start('a', 'ioredis'),
    start('b', 'ioredis'),
    start('c', 'node-redis'),
  ]);
  return { replicas: started, start };
}

async function follow(url: string) {
  const stream = await followHealth(url);
  streams.push(stream);
  return stream;
}

// Each replica compiles the packages from source at start: slow on a busy machine.
describe('health on three replica processes with one Redis', { timeout: 180_000 }, () => {
  it("shows a webhook posted to A on B's and C's event streams, and alerts once", async () => {
    const connections = await createSystemConnections(sandbox.url, 1);
    const id = connections[0]?.connectionKey ?? '';
    const {
      replicas: [a, b, c],
    } = await replicas(connections);
    if (!a || !b || !c) throw new Error('replicas did not start');
    // Browsers on B and C: those replicas poll (one of them at a time), A does not.
    const onB = await follow(b.url);
    const onC = await follow(c.url);
    const stateOn = (stream: typeof onB) => stream.latest()?.connections[id]?.state;
    await expect.poll(() => [stateOn(onB), stateOn(onC)]).toEqual(['healthy', 'healthy']);

    // The customer changes their password: Makini says so by webhook, to one replica.
    sandbox.admin.rotateCredentials(id);
    const { payload, headers } = await createTestWebhook({
      type: 'connection.reauthorization_required',
      connectionId: id,
      data: { reason: 'Password changed in SAP' },
      secret: SECRET,
    });
    const posted = await fetch(`${a.url}/webhooks`, { method: 'POST', headers, body: payload });
    expect(posted.status).toBe(200);

    const saw = (stream: typeof onB) =>
      stream.received.some(
        ({ snapshot }) =>
          snapshot.connections[id]?.state === 'reauthorization_required' &&
          snapshot.connections[id]?.reason === 'Password changed in SAP',
      );
    await expect.poll(() => [saw(onB), saw(onC)]).toEqual([true, true]);

    // The pollers find it broken too: they agree, and no one alerts again.
    const polled = b.polls.length + c.polls.length;
    await expect.poll(() => b.polls.length + c.polls.length).toBeGreaterThanOrEqual(polled + 3);
    expect([stateOn(onB), stateOn(onC)]).toEqual([
      'reauthorization_required',
      'reauthorization_required',
    ]);
    expect(a.alerts).toEqual([
      { kind: 'alert', alertKind: 'reauthorization_required', connectionId: id },
    ]);
    expect([...b.alerts, ...c.alerts]).toEqual([]);
    expect([...a.errors, ...b.errors, ...c.errors]).toEqual([]);
  });

  it("polls a SIGKILLed replica's connections from the others, and a new replica starts from what was published", async () => {
    const leaseMs = 1_000;
    const connections = await createSystemConnections(sandbox.url, 9);
    const { replicas: started, start } = await replicas(connections, {
      subscribed: true,
      pollIntervalMs: 500,
      leaseMs,
    });
    const lastPoller = (id: string) => {
      let last: { replica: HealthReplicaProcess; at: number } | undefined;
      for (const replica of started) {
        const poll = replica.polls.filter((entry) => entry.connectionId === id).at(-1);
        if (poll && (!last || poll.at > last.at)) last = { replica, at: poll.at };
      }
      return last?.replica;
    };
    // Settled: every connection polled several times, each by one replica.
    await expect
      .poll(() =>
        connections.every(
          ({ connectionKey }) =>
            started.every((replica) => replica.polls.length > 0) &&
            started.reduce(
              (sum, replica) =>
                sum + replica.polls.filter((poll) => poll.connectionId === connectionKey).length,
              0,
            ) >= 4,
        ),
      )
      .toBe(true);
    const victim = started.find((replica) =>
      connections.some(({ connectionKey }) => lastPoller(connectionKey) === replica),
    );
    if (!victim) throw new Error('no replica polls anything');
    const orphans = connections
      .map(({ connectionKey }) => connectionKey)
      .filter((id) => lastPoller(id) === victim);
    const survivors = started.filter((replica) => replica !== victim);

    await victim.kill();
    const killedAt = Date.now();
    const polledAfterKill = (id: string) =>
      survivors.flatMap((replica) =>
        replica.polls.filter((poll) => poll.connectionId === id && poll.at >= killedAt),
      );
    await expect.poll(() => orphans.every((id) => polledAfterKill(id).length > 0)).toBe(true);
    const takeover = Math.max(
      ...orphans.map((id) => Math.min(...polledAfterKill(id).map((poll) => poll.at)) - killedAt),
    );
    console.info(
      `takeover of ${orphans.length} connections after SIGKILL: ${takeover} ms (lease ${leaseMs} ms)`,
    );

    // A replica that starts now shows the published health before it polls anything itself.
    const late = await start('d', 'node-redis');
    const onLate = await follow(late.url);
    await expect.poll(() => onLate.received.length).toBeGreaterThan(0);
    const first = onLate.received[0]?.snapshot.connections ?? {};
    expect(Object.keys(first).sort()).toEqual(connections.map((c) => c.connectionKey).sort());
    expect(Object.values(first).every((health) => health.state === 'healthy')).toBe(true);
  });
});
