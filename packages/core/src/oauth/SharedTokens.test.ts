import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sleep } from '../client/timers.js';
import { ReauthorizationRequiredError } from '../errors/MakiniError.js';
import { StateStoreError } from '../errors/StateStoreError.js';
import type { TokenResponse } from '../models/TokenResponse.js';
import { MemoryLock } from '../state/MemoryLock.js';
import { MemoryTokenStore } from '../state/MemoryTokenStore.js';
import type { TokenStore } from '../state/TokenStore.js';
import { TokenManager, type TokenSet } from './TokenManager.js';

const HOUR = 3_600_000;

/**
 * A token endpoint that rotates refresh tokens and refuses a replay, as Makini Link does: the
 * refresh function the managers are given (the server is outside the kit; the sandbox plays it in
 * the integration tests).
 */
class TokenEndpoint {
  grants = 0;
  replays = 0;
  #serial = 0;
  readonly #live = new Set<string>();

  /** Answers a replay with a new pair, as a server with a reuse grace period does. */
  constructor(readonly graceful = false) {}

  pair(expiresAt: number): TokenSet {
    // As long as real tokens: redaction leaves values under 8 characters alone.
    const serial = `${++this.#serial}_0123456789`;
    this.#live.add(`rt_${serial}`);
    return { accessToken: `at_${serial}`, refreshToken: `rt_${serial}`, expiresAt };
  }

  refresh = async (refreshToken: string): Promise<TokenResponse> => {
    await sleep(10);
    if (!this.#live.delete(refreshToken)) {
      this.replays++;
      if (this.graceful) return this.#answer();
      throw new ReauthorizationRequiredError(400, 'invalid_grant: the refresh token was used.', {});
    }
    return this.#answer();
  };

  #answer(): TokenResponse {
    this.grants++;
    const { accessToken, refreshToken: next } = this.pair(0);
    return {
      access_token: accessToken,
      refresh_token: next,
      expiresAt: Date.now() + 30 * 24 * HOUR,
    };
  }
}

async function sharedSetup(expiresAt = Date.now() - 1000) {
  const endpoint = new TokenEndpoint();
  const store = new MemoryTokenStore();
  const lock = new MemoryLock();
  const tokens = endpoint.pair(expiresAt);
  await store.set('conn_1', tokens);
  const replica = (options: Partial<ConstructorParameters<typeof TokenManager>[0]> = {}) =>
    new TokenManager({
      store,
      lock,
      connectionKey: 'conn_1',
      refresh: endpoint.refresh,
      ...options,
    });
  return { endpoint, store, lock, tokens, replica };
}

describe('TokenManager with a store and a lock', () => {
  it('refreshes once for 50 callers on each of three managers; all get the new token', async () => {
    const { endpoint, store, replica } = await sharedSetup();
    const saved: TokenSet[] = [];
    const managers = [
      replica({ onTokens: (tokens) => void saved.push(tokens) }),
      replica(),
      replica(),
    ];
    const handed = await Promise.all(
      managers.flatMap((manager) => Array.from({ length: 50 }, () => manager.getToken())),
    );
    expect(endpoint.grants).toBe(1);
    expect(endpoint.replays).toBe(0);
    const stored = await store.get('conn_1');
    expect(stored?.version).toBe(2);
    expect(new Set(handed)).toEqual(new Set([stored?.tokens.accessToken]));
    expect(saved.length).toBeLessThanOrEqual(1);
  });

  it('re-reads under the lock: a replica that read the old pair before another refreshed sends nothing', async () => {
    const { endpoint, store, lock, replica } = await sharedSetup();
    let refreshed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      refreshed = resolve;
    });
    // Its read answers with what was stored before the refresh, and arrives after the refresh.
    const late: TokenStore = {
      get: async (key) => {
        const before = await store.get(key);
        await done;
        return before;
      },
      compareAndSet: (...args) => store.compareAndSet(...args),
      set: (key, tokens) => store.set(key, tokens),
      delete: (key) => store.delete(key),
    };
    const slow = new TokenManager({
      store: late,
      lock,
      connectionKey: 'conn_1',
      refresh: endpoint.refresh,
    });
    const slowToken = slow.getToken();
    const token = await replica().getToken();
    refreshed();
    expect(await slowToken).toBe(token);
    expect(endpoint.grants).toBe(1);
    expect(endpoint.replays).toBe(0);
  });

  it('while another replica refreshes, hands out a token that still works instead of waiting', async () => {
    const { endpoint, store, replica } = await sharedSetup(Date.now() + 60_000);
    let answer: () => void = () => undefined;
    const answered = new Promise<void>((resolve) => {
      answer = resolve;
    });
    let refreshing = false;
    const holder = replica({
      refresh: async (token) => {
        refreshing = true;
        await answered;
        return endpoint.refresh(token);
      },
    });
    const stale = (await store.get('conn_1'))?.tokens.accessToken;
    const waiting = holder.getToken();
    await expect.poll(() => refreshing).toBe(true);
    // The holder's own callers wait for its refresh; another replica's get the stored token now.
    expect(await replica().getToken()).toBe(stale);
    answer();
    const renewed = await waiting;
    expect(renewed).not.toBe(stale);
    expect(await replica().getToken()).toBe(renewed);
    expect(endpoint.grants).toBe(1);
  });

  it('reads the store on every call: a pair another replica wrote is used at the next call', async () => {
    const { endpoint, store, replica } = await sharedSetup(Date.now() + HOUR);
    const manager = replica();
    const first = await manager.getToken();
    const reconnected = endpoint.pair(Date.now() + HOUR);
    await store.set('conn_1', reconnected);
    expect(await manager.getToken()).toBe(reconnected.accessToken);
    expect(await manager.getToken({ rejectedToken: first })).toBe(reconnected.accessToken);
    expect(endpoint.grants).toBe(0);
  });

  it('keeps handing out a still-valid access token when the refresh is refused, then asks for Link at expiry', async () => {
    let now = Date.now();
    const endpoint = new TokenEndpoint();
    const store = new MemoryTokenStore();
    const tokens = endpoint.pair(now + 60_000);
    await store.set('conn_1', { ...tokens, refreshToken: 'rt_revoked' });
    const refresh = (token: string) => {
      calls++;
      return endpoint.refresh(token);
    };
    let calls = 0;
    const lock = new MemoryLock({ now: () => now });
    const [a, b] = [0, 1].map(
      () =>
        new TokenManager({
          store,
          lock,
          connectionKey: 'conn_1',
          refresh,
          now: () => now,
        }),
    );
    const handed = await Promise.all(
      [a, b].flatMap((manager) => [manager?.getToken(), manager?.getToken()]),
    );
    expect(handed).toEqual(Array(4).fill(tokens.accessToken));
    expect(calls).toBe(1);
    // The store keeps the refused refresh token: a refusal may be one replica's own mistake.
    expect((await store.get('conn_1'))?.tokens.refreshToken).toBe('rt_revoked');
    now += 59_000;
    // Each replica asks at most once for a pair; the one refused does not ask again before expiry.
    expect(await b?.getToken()).toBe(tokens.accessToken);
    expect(calls).toBe(2);
    expect(await a?.getToken()).toBe(tokens.accessToken);
    expect(await b?.getToken()).toBe(tokens.accessToken);
    expect(calls).toBe(2);
    now += 1_000;
    for (const manager of [a, b]) {
      const error = await manager?.getToken().catch((caught: unknown) => caught);
      expect(ReauthorizationRequiredError.is(error) && error.connectionKey).toBe('conn_1');
      expect((error as Error).message).toContain('the refresh token was used');
    }
    expect(calls).toBe(2);
  });

  it('a holder whose lease lapsed does not overwrite what the next holder wrote', async () => {
    let now = Date.now();
    // A server with a grace period: the next holder's replay gets a pair too.
    const endpoint = new TokenEndpoint(true);
    const store = new MemoryTokenStore();
    const lock = new MemoryLock({ now: () => now });
    await store.set('conn_1', endpoint.pair(now - 1000));
    let release: () => void = () => undefined;
    const slow = new TokenManager({
      store,
      lock,
      connectionKey: 'conn_1',
      now: () => now,
      refresh: async (token) => {
        const answer = await endpoint.refresh(token);
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return answer;
      },
    });
    const slowToken = slow.getToken();
    await expect.poll(() => endpoint.grants).toBe(1);
    now += 31_000;
    const next = new TokenManager({
      store,
      lock,
      connectionKey: 'conn_1',
      now: () => now,
      refresh: endpoint.refresh,
    });
    const nextToken = await next.getToken();
    release();
    // The lapsed holder's pair was not stored; it hands out what the next holder wrote.
    expect(await slowToken).toBe(nextToken);
    expect((await store.get('conn_1'))?.tokens.accessToken).toBe(nextToken);
  });

  it('fails with StateStoreError when the store fails, and keeps a refreshed pair until it is written', async () => {
    let now = Date.now();
    const { endpoint, store: memory, tokens } = await sharedSetup(now + HOUR);
    let failing: 'get' | 'write' | undefined;
    const store: TokenStore = {
      get: async (key) => {
        if (failing === 'get') throw new Error(`read failed near ${tokens.accessToken}`);
        return memory.get(key);
      },
      compareAndSet: async (...args) => {
        if (failing === 'write') throw new Error('write failed');
        return memory.compareAndSet(...args);
      },
      set: (key, value) => memory.set(key, value),
      delete: (key) => memory.delete(key),
    };
    const manager = new TokenManager({
      store,
      lock: new MemoryLock(),
      connectionKey: 'conn_1',
      refresh: endpoint.refresh,
      now: () => now,
    });
    expect(await manager.getToken()).toBe(tokens.accessToken);
    failing = 'get';
    const readError = await manager.getToken().catch((caught: unknown) => caught);
    expect(StateStoreError.is(readError) && readError.operation).toBe('tokens.get');
    expect(`${String(readError)} ${inspect(readError)}`).not.toContain(tokens.accessToken);

    now += 2 * HOUR;
    failing = 'write';
    const writeError = await manager.getToken().catch((caught: unknown) => caught);
    expect(StateStoreError.is(writeError) && writeError.operation).toBe('tokens.compareAndSet');
    expect(endpoint.grants).toBe(1);
    expect(await memory.get('conn_1')).toEqual({ tokens, version: 1 });
    failing = undefined;
    const recovered = await manager.getToken();
    expect(endpoint.grants).toBe(1);
    expect(recovered).not.toBe(tokens.accessToken);
    expect(await memory.get('conn_1')).toMatchObject({
      version: 2,
      tokens: { accessToken: recovered },
    });
  });

  it('keeps the lock while a refreshed pair waits for the store: another replica never sends the spent refresh token', async () => {
    const { endpoint, store: memory, lock, tokens } = await sharedSetup();
    let failures = 1;
    // The store refuses one write (a Redis blip right after the token endpoint answered).
    const store: TokenStore = {
      get: (key) => memory.get(key),
      compareAndSet: async (...args) => {
        if (failures-- > 0) throw new Error('write failed');
        return memory.compareAndSet(...args);
      },
      set: (key, value) => memory.set(key, value),
      delete: (key) => memory.delete(key),
    };
    const replica = () =>
      new TokenManager({ store, lock, connectionKey: 'conn_1', refresh: endpoint.refresh });
    const [a, b] = [replica(), replica()];
    const error = await a.getToken().catch((caught: unknown) => caught);
    expect(StateStoreError.is(error) && error.operation).toBe('tokens.compareAndSet');
    expect(endpoint.grants).toBe(1);
    // B waits for A's pair instead of refreshing with the refresh token A spent.
    const token = await b.getToken();
    expect(endpoint.replays).toBe(0);
    expect(endpoint.grants).toBe(1);
    expect(token).not.toBe(tokens.accessToken);
    expect(await memory.get('conn_1')).toMatchObject({
      version: 2,
      tokens: { accessToken: token },
    });
    expect(await a.getToken()).toBe(token);
    // Written: the lease is released, so the next refresh takes the lock at once.
    const lease = await lock.tryAcquire('conn_1:refresh', 1000);
    expect(lease).toBeDefined();
  });

  it('a pair still waiting for the store when its lease lapsed does not overwrite the next holder', async () => {
    let now = Date.now();
    // A server with a grace period: the next holder's replay gets a pair too.
    const endpoint = new TokenEndpoint(true);
    const memory = new MemoryTokenStore();
    const memoryLock = new MemoryLock({ now: () => now });
    await memory.set('conn_1', endpoint.pair(now - 1000));
    // A's store and lock go away together, right after the token endpoint answered it.
    let down = false;
    const reach = <T>(work: () => Promise<T>) =>
      down ? Promise.reject(new Error('unreachable')) : work();
    const a = new TokenManager({
      store: {
        get: (key) => reach(() => memory.get(key)),
        compareAndSet: (...args) => reach(() => memory.compareAndSet(...args)),
        set: (key, value) => reach(() => memory.set(key, value)),
        delete: (key) => reach(() => memory.delete(key)),
      },
      lock: {
        tryAcquire: (key, ttl) => reach(() => memoryLock.tryAcquire(key, ttl)),
        extend: (lease, ttl) => reach(() => memoryLock.extend(lease, ttl)),
        release: (lease) => reach(() => memoryLock.release(lease)),
      },
      connectionKey: 'conn_1',
      now: () => now,
      refresh: async (token) => {
        const answer = await endpoint.refresh(token);
        down = true;
        return answer;
      },
    });
    const error = await a.getToken().catch((caught: unknown) => caught);
    expect(StateStoreError.is(error)).toBe(true);
    // A cannot extend its lease; once it lapses another replica takes the lock and refreshes.
    now += 31_000;
    const b = new TokenManager({
      store: memory,
      lock: memoryLock,
      connectionKey: 'conn_1',
      now: () => now,
      refresh: endpoint.refresh,
    });
    const token = await b.getToken();
    expect(endpoint.replays).toBe(1);
    down = false;
    // A's late write meets B's: refused by its version, A takes B's pair.
    expect(await a.getToken()).toBe(token);
    expect(await memory.get('conn_1')).toMatchObject({
      version: 2,
      tokens: { accessToken: token },
    });
  });

  it('one replica refused leaves the refresh token in the store; the others still refresh with it', async () => {
    const { endpoint, store, tokens, replica } = await sharedSetup(Date.now() + 60_000);
    // A replica deployed with another client's credentials: the server refuses its refresh.
    let refused = 0;
    const misconfigured = replica({
      refresh: async () => {
        refused++;
        throw new ReauthorizationRequiredError(400, 'invalid_grant: another client.', {});
      },
    });
    expect(await misconfigured.getToken()).toBe(tokens.accessToken);
    expect(await misconfigured.getToken()).toBe(tokens.accessToken);
    expect(refused).toBe(1);
    expect(await store.get('conn_1')).toEqual({ tokens, version: 1 });
    const renewed = await replica().getToken();
    expect(renewed).not.toBe(tokens.accessToken);
    expect(endpoint.grants).toBe(1);
    // The refused replica takes the new pair at its next call.
    expect(await misconfigured.getToken()).toBe(renewed);
  });

  it('starts from `tokens` when the store holds none, and prints no token', async () => {
    const endpoint = new TokenEndpoint();
    const store = new MemoryTokenStore();
    const tokens = endpoint.pair(Date.now() + HOUR);
    const manager = new TokenManager({
      tokens,
      store,
      lock: new MemoryLock(),
      connectionKey: 'conn_1',
      refresh: endpoint.refresh,
    });
    expect(await manager.getToken()).toBe(tokens.accessToken);
    expect(await store.get('conn_1')).toEqual({ tokens, version: 1 });
    for (const printed of [inspect(manager), JSON.stringify(manager), String(manager)]) {
      expect(printed).not.toContain(tokens.accessToken);
      expect(printed).not.toContain(tokens.refreshToken as string);
    }
    await store.delete('conn_1');
    const error = await manager.getToken().catch((caught: unknown) => caught);
    expect(ReauthorizationRequiredError.is(error) && error.message).toContain('holds no tokens');
  });

  it('needs connectionKey, and store and lock together', () => {
    const refresh = new TokenEndpoint().refresh;
    const store = new MemoryTokenStore();
    const lock = new MemoryLock();
    expect(() => new TokenManager({ store, lock, refresh })).toThrow(
      new TypeError(
        'TokenManager: store and lock need connectionKey, the connection whose tokens the store keeps.',
      ),
    );
    expect(() => new TokenManager({ store, connectionKey: 'c', refresh })).toThrow(
      /store needs lock too/,
    );
    expect(() => new TokenManager({ lock, connectionKey: 'c', refresh })).toThrow(
      /lock needs store too/,
    );
    expect(
      () => new TokenManager({ store, lock, connectionKey: 'c', refresh, lockTtlMs: 0 }),
    ).toThrow(/lockTtlMs must be a number of milliseconds/);
  });
});
