import { describe, expect, it } from 'vitest';
import { MemoryPollLeases } from './MemoryPollLeases.js';

const LEASE_MS = 2_000;
const ids = Array.from({ length: 300 }, (_, index) => `conn_${index}`);

function setup() {
  let clock = 1_000_000;
  const leases = new MemoryPollLeases({ now: () => clock });
  const grants = new Map<string, string[]>();
  const claim = async (replica: string, tracked: readonly string[] = ids) => {
    const granted = await leases.claim(replica, tracked, LEASE_MS);
    grants.set(replica, granted);
    return granted;
  };
  /** Each replica claims once, in order, as their ticks would within one poll interval. */
  const round = async (replicas: string[]) => {
    for (const replica of replicas) await claim(replica);
    clock += LEASE_MS / 2;
  };
  const owners = () => {
    const owner = new Map<string, string[]>();
    for (const [replica, granted] of grants) {
      for (const id of granted) owner.set(id, [...(owner.get(id) ?? []), replica]);
    }
    return owner;
  };
  return {
    leases,
    claim,
    round,
    owners,
    grants,
    advance: (ms: number) => {
      clock += ms;
    },
  };
}

describe('MemoryPollLeases', () => {
  it('splits the connections between the live replicas, each polled by exactly one', async () => {
    const { round, owners, grants } = setup();
    for (let index = 0; index < 3; index++) await round(['a', 'b', 'c']);
    const owner = owners();
    expect(owner.size).toBe(ids.length);
    expect([...owner.values()].every((replicas) => replicas.length === 1)).toBe(true);
    for (const replica of ['a', 'b', 'c']) {
      // Rendezvous hashing: about a third each.
      expect(grants.get(replica)?.length).toBeGreaterThan(60);
      expect(grants.get(replica)?.length).toBeLessThan(140);
    }
  });

  it('never grants a connection to two replicas while its lease holds, even as members join', async () => {
    const { claim, advance } = setup();
    const holderOf = new Map<string, { replica: string; until: number }>();
    let now = 0;
    const replicas = ['a', 'b', 'c'];
    for (let step = 0; step < 30; step++) {
      // c joins late: its share moves over from the others.
      const replica = replicas[step % (step < 10 ? 2 : 3)] ?? 'a';
      const granted = await claim(replica);
      // What a replica is no longer granted it gave up (a handover): it stops polling it now.
      for (const [id, held] of holderOf) {
        if (held.replica === replica && !granted.includes(id)) holderOf.delete(id);
      }
      for (const id of granted) {
        const held = holderOf.get(id);
        if (held && held.until > now) expect(held.replica).toBe(replica);
        holderOf.set(id, { replica, until: now + LEASE_MS });
      }
      advance(300);
      now += 300;
    }
  });

  it("gives a dead replica's connections to the others once its lease runs out", async () => {
    const { round, claim, owners, grants, advance } = setup();
    for (let index = 0; index < 3; index++) await round(['a', 'b', 'c']);
    const orphans = grants.get('c') ?? [];
    expect(orphans.length).toBeGreaterThan(0);
    // c stops claiming (killed). While its leases hold, nobody else polls its connections.
    advance(LEASE_MS / 2 - 1);
    await claim('a');
    await claim('b');
    expect(orphans.some((id) => grants.get('a')?.includes(id))).toBe(false);
    expect(orphans.some((id) => grants.get('b')?.includes(id))).toBe(false);
    // Its last claim was LEASE_MS ago: the next claims of a and b take everything over.
    advance(1);
    grants.delete('c');
    await claim('a');
    await claim('b');
    const owner = owners();
    expect(owner.size).toBe(ids.length);
    expect([...owner.values()].every((replicas) => replicas.length === 1)).toBe(true);
  });

  it("hands a leaving replica's connections over at the others' next claim", async () => {
    const { leases, round, claim, owners, grants } = setup();
    for (let index = 0; index < 3; index++) await round(['a', 'b', 'c']);
    await leases.leave('c');
    grants.delete('c');
    await claim('a');
    await claim('b');
    expect(owners().size).toBe(ids.length);
  });

  it('grants a free connection that its preferred replica does not track, at the next claim', async () => {
    const { claim } = setup();
    await claim('a', []);
    await claim('b', []);
    // Connections whose preferred replica (a or b) will never ask for them.
    const first = await claim('c', ids);
    const second = await claim('c', ids);
    expect(second).toEqual(ids);
    expect(first.length).toBeLessThan(ids.length);
  });

  it('refuses a claim without a replica id or with ids that are not strings', async () => {
    const leases = new MemoryPollLeases();
    await expect(leases.claim('', ['a'], 1000)).rejects.toThrow(TypeError);
    await expect(leases.claim('r', [1 as unknown as string], 1000)).rejects.toThrow(
      /connectionIds must be an array of non-empty strings/,
    );
    await expect(leases.claim('r', ['a'], 0)).rejects.toThrow(RangeError);
  });
});
