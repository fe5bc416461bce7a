import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { TokenCipher } from '@makini-kit/core';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoConfigError } from './DemoConfigError.js';
import { DEV_KEY_FILE, loadTokenKeys, parseTokenKeys } from './tokenKeys.js';

const secret = TokenCipher.generateSecret();
const older = TokenCipher.generateSecret();
let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'makini-demo-keys-'));
  dirs.push(dir);
  return dir;
};

describe('MAKINI_TOKEN_KEYS', () => {
  it('reads id:secret pairs, the sealing key first', () => {
    expect(parseTokenKeys(` 2026-11:${secret} , 2026-05:${older}`)).toEqual([
      { id: '2026-11', secret },
      { id: '2026-05', secret: older },
    ]);
  });

  it('refuses an entry that is not id:secret, naming its position and never its text', () => {
    for (const text of [`2026-11:${secret},${older}`, `2026-11:${secret}:extra`, ':abc']) {
      const error = (() => {
        try {
          parseTokenKeys(text);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(DemoConfigError);
      expect(error?.message).toMatch(/MAKINI_TOKEN_KEYS: entry \d is not id:secret/);
      expect(error?.message).not.toContain(older);
      expect(error?.message).not.toContain(secret);
    }
  });

  it('never quotes a key written the wrong way round (secret:id), in the message, inspect or JSON', () => {
    const urlSafe = secret.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    for (const text of [`${secret}:2026-11`, `2026-11:${older},${urlSafe}:2026-05`]) {
      const error = (() => {
        try {
          parseTokenKeys(text);
        } catch (caught) {
          return caught as Error;
        }
      })();
      expect(error).toBeInstanceOf(DemoConfigError);
      const printed = `${error?.message} ${String(error)} ${inspect(error)} ${JSON.stringify(error)}`;
      for (const value of [secret, urlSafe, older]) expect(printed).not.toContain(value);
      expect(error?.message).toMatch(/^MAKINI_TOKEN_KEYS: entry \d's (id|secret) must be/);
    }
  });

  it('refuses a secret that is not 32 bytes, and an empty value', () => {
    expect(() => parseTokenKeys('k1:c2hvcnQ=')).toThrow(/MAKINI_TOKEN_KEYS: .*32 bytes/);
    expect(() => parseTokenKeys(' , ')).toThrow(DemoConfigError);
  });
});

describe('loadTokenKeys', () => {
  it('uses MAKINI_TOKEN_KEYS when set, and writes no key file', async () => {
    const dataDir = tempDir();
    const keys = await loadTokenKeys({ env: `k1:${secret}`, dataDir, log: () => undefined });
    expect(keys).toEqual([{ id: 'k1', secret }]);
    expect(() => statSync(join(dataDir, DEV_KEY_FILE))).toThrow(/ENOENT/);
  });

  it('generates a development key once, mode 600, and says so without the secret', async () => {
    const dataDir = tempDir();
    const lines: string[] = [];
    const first = await loadTokenKeys({ env: undefined, dataDir, log: (line) => lines.push(line) });
    const again = await loadTokenKeys({ env: '', dataDir, log: (line) => lines.push(line) });
    expect(again).toEqual(first);
    const file = join(dataDir, DEV_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first[0]);
    expect(() => new TokenCipher({ keys: first })).not.toThrow();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/MAKINI_TOKEN_KEYS is not set: .*development key/);
    for (const line of lines) expect(line).not.toContain(first[0]?.secret);
  });
});
