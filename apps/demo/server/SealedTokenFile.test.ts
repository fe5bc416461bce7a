import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenCipher, TokenDecryptionError, type TokenSet } from '@makini-kit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SealedTokenFile } from './SealedTokenFile.js';

const oldKey = { id: 'old', secret: TokenCipher.generateSecret() };
const newKey = { id: 'new', secret: TokenCipher.generateSecret() };
const tokens = (n: number): TokenSet => ({
  accessToken: `sbx_at_access_${n}_abcdefghijklmnopqrstuvwxyz`,
  refreshToken: `sbx_rt_refresh_${n}_abcdefghijklmnopqrstuvwxyz`,
  expiresAt: 1_900_000_000_000 + n,
});
const connection = { key: 'conn-1', name: 'Nordic Steel A/S', platform: 'sap-s4hana' };

let dir = '';
let file = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'makini-demo-sealed-'));
  file = join(dir, 'tokens.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = (keys = [newKey], log: (line: string) => void = () => undefined) =>
  SealedTokenFile.open(file, new TokenCipher({ keys }), log);
const onDisk = () =>
  JSON.parse(readFileSync(file, 'utf8')) as { connections: Array<{ tokens: unknown }> };

describe('SealedTokenFile', () => {
  it('writes only sealed tokens, mode 600, and reads them back after a restart', async () => {
    const store = await open();
    await store.save(connection, tokens(1));
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('sbx_at_');
    expect(text).not.toContain('sbx_rt_');
    expect(onDisk().connections[0]?.tokens).toMatch(/^mkc1\.new\./);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const reopened = await open();
    expect(await reopened.list()).toEqual([connection]);
    expect(await reopened.tokens.get(connection.key)).toEqual({ tokens: tokens(1), version: 1 });
  });

  it('reads a plaintext file of an earlier demo once and rewrites it sealed', async () => {
    writeFileSync(file, JSON.stringify({ connections: [{ ...connection, tokens: tokens(7) }] }));
    const lines: string[] = [];
    const store = await open([newKey], (line) => lines.push(line));
    expect(await store.tokens.get(connection.key)).toEqual({ tokens: tokens(7), version: 1 });
    expect(readFileSync(file, 'utf8')).not.toContain('sbx_at_');
    expect(onDisk().connections[0]?.tokens).toMatch(/^mkc1\.new\./);
    expect(lines.join('\n')).toMatch(/resealed 1 connection/);
    expect(lines.join('\n')).not.toContain('sbx_');
  });

  it('reseals tokens of an older key with the first key (rotation)', async () => {
    await (await open([oldKey])).save(connection, tokens(2));
    const store = await open([newKey, oldKey]);
    expect(await store.tokens.get(connection.key)).toMatchObject({ tokens: tokens(2) });
    expect(onDisk().connections[0]?.tokens).toMatch(/^mkc1\.new\./);
    // The old key can go now.
    expect((await (await open([newKey])).tokens.get(connection.key))?.tokens).toEqual(tokens(2));
  });

  it('refuses to open with a key that did not seal the file, with a typed error', async () => {
    await (await open([oldKey])).save(connection, tokens(3));
    await expect(open([newKey])).rejects.toBeInstanceOf(TokenDecryptionError);
  });

  it('compare-and-sets on the version and refuses a fence below the highest written', async () => {
    const store = await open();
    await store.save(connection, tokens(1));
    expect(await store.tokens.compareAndSet(connection.key, 1, tokens(2), { fence: 5 })).toEqual({
      ok: true,
      version: 2,
    });
    expect(await store.tokens.compareAndSet(connection.key, 1, tokens(3))).toEqual({
      ok: false,
      current: { tokens: tokens(2), version: 2 },
    });
    expect(await store.tokens.compareAndSet(connection.key, 2, tokens(4), { fence: 4 })).toEqual({
      ok: false,
      current: { tokens: tokens(2), version: 2 },
    });
    expect(await store.tokens.compareAndSet('conn-2', 0, tokens(5))).toEqual({
      ok: true,
      version: 1,
    });
    const reopened = await open();
    expect(await reopened.tokens.get(connection.key)).toEqual({ tokens: tokens(2), version: 2 });
    // Tokens without a Link flow behind them are not a listed connection.
    expect((await reopened.list()).map((entry) => entry.key)).toEqual([connection.key]);
  });
});
