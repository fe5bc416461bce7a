import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DemoConfigError } from './DemoConfigError.js';
import {
  DEV_LINK_SECRET_FILE,
  loadReconnectLinkSecrets,
  parseReconnectLinkSecrets,
} from './reconnectLinkSecrets.js';

const secret = randomBytes(32).toString('base64');
const older = randomBytes(32).toString('base64');
let dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'makini-demo-link-secret-'));
  dirs.push(dir);
  return dir;
};
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (caught) {
    return caught as Error;
  }
  throw new Error('expected a refusal');
};

describe('MAKINI_RECONNECT_LINK_SECRET', () => {
  it('reads secrets separated by commas, the signing one first', () => {
    expect(parseReconnectLinkSecrets(` ${secret} , ${older}`)).toEqual([secret, older]);
  });

  it('refuses a secret shorter than 32 bytes, naming its position and never its text', () => {
    const short = 'too-short-a-secret';
    const error = refusal(() => parseReconnectLinkSecrets(`${secret},${short}`));
    expect(error).toBeInstanceOf(DemoConfigError);
    expect(error.message).toMatch(/^MAKINI_RECONNECT_LINK_SECRET: entry 2 is 18 bytes/);
    expect(error.message).toContain('openssl rand -base64 32');
    expect(error.message).not.toContain(short);
    expect(error.message).not.toContain(secret);
  });

  it('refuses an empty list', () => {
    const error = refusal(() => parseReconnectLinkSecrets(' , '));
    expect(error).toBeInstanceOf(DemoConfigError);
    expect(error.message).toMatch(/is empty/);
  });

  it('uses the environment when it is set, without writing a development secret', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const secrets = await loadReconnectLinkSecrets({
      env: secret,
      dataDir: dir,
      log: (line) => lines.push(line),
    });
    expect(secrets).toEqual([secret]);
    expect(lines).toEqual([]);
    expect(() => statSync(join(dir, DEV_LINK_SECRET_FILE))).toThrow();
  });

  it('otherwise generates a development secret once, mode 600, and says so without it', async () => {
    const dir = tempDir();
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const first = await loadReconnectLinkSecrets({ env: undefined, dataDir: dir, log });
    const again = await loadReconnectLinkSecrets({ env: '', dataDir: dir, log });
    expect(again).toEqual(first);
    expect(Buffer.from(first[0] ?? '', 'base64')).toHaveLength(32);
    const file = join(dir, DEV_LINK_SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toContain(first[0]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/MAKINI_RECONNECT_LINK_SECRET is not set/);
    for (const line of lines) expect(line).not.toContain(first[0]);
  });
});
