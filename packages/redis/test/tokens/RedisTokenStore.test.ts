import { inspect } from 'node:util';
import {
  StateStoreError,
  TokenCipher,
  TokenDecryptionError,
  TokenManager,
  type TokenSet,
} from '@makini-kit/core';
import Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import { type RedisClientLike, toRedisConnection } from '../../src/RedisConnection.js';
import { RedisLock } from '../../src/RedisLock.js';
import { RedisTokenStore } from '../../src/RedisTokenStore.js';
import { testPrefix } from '../redisUrl.js';
import { redisClients } from './redisClients.js';

const oldKey = { id: 'old', secret: TokenCipher.generateSecret() };
const newKey = { id: 'new', secret: TokenCipher.generateSecret() };
const pair = (name: string): TokenSet => ({
  accessToken: `at_${name}_${Math.random().toString(36).slice(2)}`,
  refreshToken: `rt_${name}_${Math.random().toString(36).slice(2)}`,
  expiresAt: 1_900_000_000_000,
});

describe.each(redisClients())('RedisTokenStore with $name', ({ connection }) => {
  const storeWith = (prefix: string, keys = [oldKey]) =>
    new RedisTokenStore({ connection: connection(), cipher: new TokenCipher({ keys }), prefix });

  it('seals what it stores: no token in Redis, and a value opens for its own connection only', async () => {
    const prefix = testPrefix('tokens');
    const store = storeWith(prefix);
    const tokens = pair('a');
    expect(await store.set('conn_1', tokens)).toBe(1);
    const raw = (await connection().command('test', [
      'HGETALL',
      `${prefix}tokens:{conn_1}`,
    ])) as string[];
    const hash = Object.fromEntries(
      raw.flatMap((value, index) => (index % 2 ? [] : [[value, raw[index + 1]]])),
    );
    expect(hash.v).toBe('1');
    expect(hash.t).toMatch(/^mkc1\.old\.[\w-]{16}\.[\w-]+$/);
    expect(raw.join(' ')).not.toContain(tokens.accessToken);
    expect(raw.join(' ')).not.toContain(tokens.refreshToken as string);
    expect(await store.get('conn_1')).toEqual({ tokens, version: 1 });

    // The same ciphertext under another connection does not open: the key is its additional data.
    await connection().command('test', [
      'HSET',
      `${prefix}tokens:{conn_2}`,
      'v',
      1,
      't',
      String(hash.t),
    ]);
    const error = await store.get('conn_2').catch((caught: unknown) => caught);
    expect(TokenDecryptionError.is(error) && error.keyId).toBe('old');
    expect(`${String(error)} ${inspect(error)} ${JSON.stringify(error)}`).not.toContain('at_a');
    expect(inspect(store)).not.toContain(oldKey.secret);
  });

  it('compare-and-set writes over the version it read, for one of many concurrent writers', async () => {
    const store = storeWith(testPrefix('tokens'));
    expect(await store.compareAndSet('conn_1', 1, pair('x'))).toEqual({
      ok: false,
      current: undefined,
    });
    expect(await store.compareAndSet('conn_1', 0, pair('first'))).toEqual({ ok: true, version: 1 });
    const writes = await Promise.all(
      Array.from({ length: 20 }, (_, index) => pair(`w${index}`)).map(async (tokens) => ({
        tokens,
        write: await store.compareAndSet('conn_1', 1, tokens),
      })),
    );
    const won = writes.filter(({ write }) => write.ok);
    expect(won).toHaveLength(1);
    expect(won[0]?.write).toEqual({ ok: true, version: 2 });
    for (const { write } of writes.filter(({ write }) => !write.ok)) {
      expect(write).toEqual({ ok: false, current: { tokens: won[0]?.tokens, version: 2 } });
    }
    expect(await store.get('conn_1')).toEqual({ tokens: won[0]?.tokens, version: 2 });
  });

  it('refuses a write whose fence is below the highest one written', async () => {
    const store = storeWith(testPrefix('tokens'));
    await store.set('conn_1', pair('a'));
    expect(await store.compareAndSet('conn_1', 1, pair('b'), { fence: 5 })).toEqual({
      ok: true,
      version: 2,
    });
    const late = await store.compareAndSet('conn_1', 2, pair('late'), { fence: 4 });
    expect(late.ok).toBe(false);
    expect(!late.ok && late.current?.version).toBe(2);
    expect((await store.compareAndSet('conn_1', 2, pair('c'), { fence: 5 })).ok).toBe(true);
    expect((await store.compareAndSet('conn_1', 3, pair('d'), { fence: 9 })).ok).toBe(true);
    expect((await store.compareAndSet('conn_1', 4, pair('e'))).ok).toBe(true);
    expect((await store.compareAndSet('conn_1', 5, pair('f'), { fence: 8 })).ok).toBe(false);
    // A finished Link flow writes whatever the version; delete forgets the connection.
    expect(await store.set('conn_1', pair('linked'))).toBe(6);
    await store.delete('conn_1');
    expect(await store.get('conn_1')).toBeUndefined();
  });

  it('opens values sealed with a retired key and seals them again with the current one', async () => {
    const prefix = testPrefix('tokens');
    const tokens = pair('rotate');
    await storeWith(prefix, [oldKey]).set('conn_1', tokens);
    const withoutOld = await storeWith(prefix, [newKey])
      .get('conn_1')
      .catch((caught: unknown) => caught);
    expect(TokenDecryptionError.is(withoutOld) && withoutOld.message).toContain('"old"');

    expect(await storeWith(prefix, [newKey, oldKey]).get('conn_1')).toEqual({
      tokens,
      version: 1,
    });
    const sealed = await connection().command('test', ['HGET', `${prefix}tokens:{conn_1}`, 't']);
    expect(String(sealed)).toMatch(/^mkc1\.new\./);
    expect(await storeWith(prefix, [newKey]).get('conn_1')).toEqual({ tokens, version: 1 });
  });
  it('rotates in a rolling deploy: a key added second reseals nothing, so replicas without it still read', async () => {
    const prefix = testPrefix('tokens');
    const tokens = pair('rolling');
    const sealedWith = async () =>
      String(await connection().command('test', ['HGET', `${prefix}tokens:{conn_1}`, 't']));
    const notYetDeployed = storeWith(prefix, [oldKey]);
    await notYetDeployed.set('conn_1', tokens);
    // Step 1: the new key second. Reading reseals nothing; every replica still opens the value.
    expect(await storeWith(prefix, [oldKey, newKey]).get('conn_1')).toEqual({ tokens, version: 1 });
    expect(await sealedWith()).toMatch(/^mkc1\.old\./);
    expect(await notYetDeployed.get('conn_1')).toEqual({ tokens, version: 1 });
    // Step 2: the new key first. Reading reseals with it.
    const updated = storeWith(prefix, [newKey, oldKey]);
    expect(await updated.get('conn_1')).toEqual({ tokens, version: 1 });
    expect(await sealedWith()).toMatch(/^mkc1\.new\./);
    // What step 1 is for: a replica with the old key only cannot open that.
    const error = await notYetDeployed.get('conn_1').catch((caught: unknown) => caught);
    expect(TokenDecryptionError.is(error) && error.keyId).toBe('new');
    // A replica still on step 1 opens it (and seals it back with its first key, the old one)...
    expect(await storeWith(prefix, [oldKey, newKey]).get('conn_1')).toEqual({ tokens, version: 1 });
    expect(await sealedWith()).toMatch(/^mkc1\.old\./);
    // ...until the next read on an updated replica.
    expect(await updated.get('conn_1')).toEqual({ tokens, version: 1 });
    expect(await sealedWith()).toMatch(/^mkc1\.new\./);
  });
});

describe('RedisTokenStore on a Redis that is down', () => {
  it('fails with StateStoreError, and TokenManager neither deletes nor overwrites the tokens', async () => {
    const down = new Redis({
      port: 1,
      host: '127.0.0.1',
      maxRetriesPerRequest: 0,
      lazyConnect: true,
    });
    down.on('error', () => undefined);
    const connection = toRedisConnection(down as unknown as RedisClientLike, {
      commandTimeoutMs: 500,
    });
    const cipher = new TokenCipher({ keys: [oldKey] });
    const store = new RedisTokenStore({ connection, cipher, prefix: testPrefix('down') });
    const failed = await store.get('conn_1').catch((caught: unknown) => caught);
    expect(StateStoreError.is(failed) && failed.operation).toBe('tokens.get');

    const tokens = { ...pair('kept'), expiresAt: Date.now() - 1000 };
    const manager = new TokenManager({
      tokens,
      store,
      lock: new RedisLock({ connection }),
      connectionKey: 'conn_1',
      refresh: () => Promise.reject(new Error('the token endpoint is not reached')),
    });
    const error = await manager.getToken().catch((caught: unknown) => caught);
    expect(StateStoreError.is(error)).toBe(true);
    expect(`${String(error)} ${inspect(error)}`).not.toContain(tokens.accessToken);
    expect(manager.current).toEqual(tokens);
    down.disconnect();
  });
});
