import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenCipher, TokenDecryptionError, type TokenSet } from '@makini-kit/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DemoConfigError } from './DemoConfigError.js';
import { SealedTokenFile } from './SealedTokenFile.js';
import { TokenFileError } from './TokenFileError.js';

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

  it('refuses plaintext tokens beside sealed ones: only a file with no sealed entry is an old one', async () => {
    await (await open()).save(connection, tokens(1));
    // Someone who can write the file plants a connection with tokens of their choosing.
    const planted = { key: 'conn-2', name: 'Planted', platform: 'sap-s4hana', tokens: tokens(9) };
    writeFileSync(file, JSON.stringify({ connections: [...onDisk().connections, planted] }));
    const error = await open().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenFileError);
    expect(error).toBeInstanceOf(DemoConfigError);
    expect((error as Error).message).toBe(
      `${file}: connections[1] (conn-2) holds plaintext tokens, but the file holds sealed ones too. Only a file that an earlier demo wrote, with no sealed entry at all, is read in plaintext (once, and rewritten sealed). Remove that entry, or the file to start over.`,
    );
    expect(JSON.stringify(onDisk())).toContain('sbx_at_access_9');
  });

  it('refuses an old plaintext file whose entry is not a token set, naming the entry and no token', async () => {
    const bad = [
      { tokens: { accessToken: 'sbx_at_access_1_abcdefghijklmnop', expiresAt: '2030' } },
      { tokens: { accessToken: '', refreshToken: 'sbx_rt_refresh_1_abcdefghij', expiresAt: null } },
      {
        tokens: { accessToken: 'sbx_at_access_1_abcdefghijklmnop', refreshToken: 7, expiresAt: 1 },
      },
      { tokens: 'sbx_at_access_1_abcdefghijklmnop' },
      { tokens: null },
    ];
    for (const entry of bad) {
      writeFileSync(file, JSON.stringify({ connections: [{ ...connection, ...entry }] }));
      const error = await open().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TokenFileError);
      expect((error as Error).message.startsWith(`${file}: connections[0] (conn-1) `)).toBe(true);
      expect((error as Error).message).not.toContain('sbx_');
    }
    writeFileSync(file, JSON.stringify({ connections: [{ name: 'No key', tokens: tokens(1) }] }));
    await expect(open()).rejects.toThrow(/connections\[0\] has no key/);
    writeFileSync(file, JSON.stringify({ connections: {} }));
    await expect(open()).rejects.toThrow(/connections must be a list/);
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
