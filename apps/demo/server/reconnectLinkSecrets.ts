import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ReconnectLinks } from '@makini-kit/core';
import { DemoConfigError } from './DemoConfigError.js';

/** Where the generated development secret of reconnect links is kept, in the data folder. */
export const DEV_LINK_SECRET_FILE = 'reconnect-link-secret.dev.json';

/**
 * Reads `MAKINI_RECONNECT_LINK_SECRET`: secrets separated by commas, the one that signs first, e.g.
 * `<openssl rand -base64 32>,<the previous secret>`. Each must be at least 32 bytes. A refused
 * entry is named by its position and length, never quoted: it is a secret.
 *
 * @throws {DemoConfigError} when the list is empty or an entry is too short.
 */
export function parseReconnectLinkSecrets(text: string): string[] {
  const secrets = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (secrets.length === 0) {
    throw new DemoConfigError(
      'MAKINI_RECONNECT_LINK_SECRET is empty: set it to $(openssl rand -base64 32), or unset it to use a development secret.',
    );
  }
  try {
    new ReconnectLinks({ secrets });
  } catch (error) {
    // ReconnectLinks names a refused secret by its position and length only; said here as entries.
    const reason = (error as Error).message
      .replace(/^ReconnectLinks: /, '')
      .replace(/secrets\[(\d+)\]/g, (_, index: string) => `entry ${Number(index) + 1}`);
    throw new DemoConfigError(`MAKINI_RECONNECT_LINK_SECRET: ${reason}`);
  }
  return secrets;
}

/**
 * The secrets that sign reconnect links: `MAKINI_RECONNECT_LINK_SECRET` when set; otherwise a
 * development secret generated once and kept in the data folder (mode 600), said in the log so
 * nobody mistakes it for a production setup. Every replica gets the same secrets from the demo.
 */
export async function loadReconnectLinkSecrets(options: {
  env: string | undefined;
  dataDir: string;
  log: (line: string) => void;
}): Promise<string[]> {
  if (options.env !== undefined && options.env.trim() !== '') {
    return parseReconnectLinkSecrets(options.env);
  }
  const file = join(options.dataDir, DEV_LINK_SECRET_FILE);
  let secret: string;
  try {
    secret = (JSON.parse(await readFile(file, 'utf8')) as { secret: string }).secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    secret = randomBytes(32).toString('base64');
    await mkdir(options.dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify({ secret })}\n`, { mode: 0o600, flag: 'wx' }).catch(
      async (raced: NodeJS.ErrnoException) => {
        // Another process of this demo made it first: use theirs.
        if (raced.code !== 'EEXIST') throw raced;
        secret = (JSON.parse(await readFile(file, 'utf8')) as { secret: string }).secret;
      },
    );
  }
  await chmod(file, 0o600);
  options.log(
    `[demo] MAKINI_RECONNECT_LINK_SECRET is not set: reconnect links are signed with a development secret kept in ${file} (mode 600). Set MAKINI_RECONNECT_LINK_SECRET=$(openssl rand -base64 32) outside development.`,
  );
  return parseReconnectLinkSecrets(secret);
}
