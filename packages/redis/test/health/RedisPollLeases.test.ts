import { describe, expect, it } from 'vitest';
import { RedisPollLeases } from '../../src/RedisPollLeases.js';
import { testPrefix } from '../redisUrl.js';
import { rawRedis, replicaClients } from './redisClients.js';

const raw = rawRedis();
const ids = Array.from({ length: 300 }, (_, index) => `conn_${index}`);

describe.each(replicaClients())('RedisPollLeases with $name', ({ open }) => {
  /** Three replicas, each with a client and a RedisPollLeases of its own, as processes have. */
  async function replicas(leaseMs: number, names = ['a', 'b', 'c']) {
    const prefix = testPrefix('poll-leases');
    const grants = new Map<string, string[]>();
    const leases = new Map<string, RedisPollLeases>();
    for (const name of names) {
      leases.set(name, new RedisPollLeases({ connection: await open(), prefix }));
    }
    const claim = async (name: string, tracked: readonly string[] = ids) => {
      const granted = (await leases.get(name)?.claim(name, tracked, leaseMs)) ?? [];
      grants.set(name, granted);
      return granted;
    };
    const round = async (members = names) => {
      for (const name of members) await claim(name);
    };
    const owners = () => {
      const owner = new Map<string, string[]>();
      for (const [name, granted] of grants) {
        for (const id of granted) owner.set(id, [...(owner.get(id) ?? []), name]);
      }
      return owner;
    };
    return { prefix, grants, leases, claim, round, owners };
  }

  it('splits the connections between the replicas, each polled by exactly one', async () => {
    const { round, owners, grants } = await replicas(60_000);
    for (let index = 0; index < 3; index++) await round();
    const owner = owners();
    expect(owner.size).toBe(ids.length);
    expect([...owner.values()].every((holders) => holders.length === 1)).toBe(true);
    for (const name of ['a', 'b', 'c']) {
      expect(grants.get(name)?.length).toBeGreaterThan(60);
      expect(grants.get(name)?.length).toBeLessThan(140);
    }
  });

  it('never grants a connection to a second replica while the first holds its lease', async () => {
    const { claim, prefix } = await replicas(60_000);
    const first = await claim('a');
    expect(first).toEqual(ids);
    // b and c join: they are preferred for about two thirds, but a holds every lease.
    expect(await claim('b')).toEqual([]);
    expect(await claim('c')).toEqual([]);
    expect(await raw.get(`${prefix}poll:lease:{conn_0}`)).toBe('a');
    // a gives up what the others asked for; they take it at their next claim.
    const kept = await claim('a');
    const moved = ids.filter((id) => !kept.includes(id));
    expect(moved.length).toBeGreaterThan(100);
    const taken = [...(await claim('b')), ...(await claim('c'))];
    expect(taken.sort()).toEqual(moved.sort());
  });

  it("gives a killed replica's connections to the others once its lease runs out", async () => {
    const leaseMs = 400;
    const { round, claim, grants, owners, prefix } = await replicas(leaseMs);
    for (let index = 0; index < 3; index++) await round();
    const orphans = grants.get('c') ?? [];
    expect(orphans.length).toBeGreaterThan(0);
    // c stops claiming, as a SIGKILLed replica does. Until its lease ends nobody else polls its share.
    const [a, b] = [await claim('a'), await claim('b')];
    if ((await raw.pttl(`${prefix}poll:lease:{${orphans[0]}}`)) > 0) {
      expect(orphans.filter((id) => a.includes(id) || b.includes(id))).toEqual([]);
    }
    await expect.poll(() => raw.exists(`${prefix}poll:lease:{${orphans[0]}}`)).toBe(0);
    grants.delete('c');
    await claim('a');
    await claim('b');
    const owner = owners();
    expect(owner.size).toBe(ids.length);
    expect([...owner.values()].every((holders) => holders.length === 1)).toBe(true);
  });

  it("hands a leaving replica's connections over at the others' next claim", async () => {
    const { round, claim, grants, owners, leases, prefix } = await replicas(60_000);
    for (let index = 0; index < 3; index++) await round();
    await leases.get('c')?.leave('c');
    expect(await raw.zscore(`${prefix}poll:members`, 'c')).toBeNull();
    grants.delete('c');
    await claim('a');
    await claim('b');
    expect(owners().size).toBe(ids.length);
  });

  it('grants a free connection its preferred replica does not track, at the next claim', async () => {
    const { claim } = await replicas(60_000);
    await claim('a', []);
    await claim('b', []);
    const first = await claim('c');
    expect(first.length).toBeLessThan(ids.length);
    expect((await claim('c')).sort()).toEqual([...ids].sort());
  });

  it('claims thousands of connections, a thousand per script', async () => {
    const many = Array.from({ length: 2_500 }, (_, index) => `conn_${index}`);
    const { leases } = await replicas(60_000, ['solo']);
    const granted = await leases.get('solo')?.claim('solo', many, 60_000);
    expect(granted?.length).toBe(many.length);
  });

  it('refuses a claim it cannot make', async () => {
    const leases = new RedisPollLeases({ connection: await open(), prefix: testPrefix('bad') });
    await expect(leases.claim('', ids, 1000)).rejects.toThrow(/replicaId must be a non-empty/);
    await expect(leases.claim('a', [''], 1000)).rejects.toThrow(/connectionIds must be an array/);
    await expect(leases.claim('a', ids, 0)).rejects.toThrow(RangeError);
  });
});
