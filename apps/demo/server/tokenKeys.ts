import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TokenCipher, type TokenCipherKey } from '@makini-kit/core';
import { DemoConfigError } from './DemoConfigError.js';

/** Where the generated development key is kept, in the data folder. */
export const DEV_KEY_FILE = 'token-key.dev.json';

/**
 * Reads `MAKINI_TOKEN_KEYS`: `id:secret` pairs separated by commas, the key that seals first, e.g.
 * `2026-11:<openssl rand -base64 32>,2026-05:<the previous secret>`. Base64 never holds `:` or `,`.
 * A bad entry is named by its position, never quoted: it may hold a secret.
 *
 * @throws {DemoConfigError} when an entry is not `id:secret` or the keys do not make a cipher.
 */
export function parseTokenKeys(text: string): TokenCipherKey[] {
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const keys = entries.map((entry, index) => {
    const [id = '', secret = '', ...rest] = entry.split(':');
    if (!id || !secret || rest.length > 0) {
      throw new DemoConfigError(
        `MAKINI_TOKEN_KEYS: entry ${index + 1} is not id:secret. Write it as 2026-11:$(openssl rand -base64 32), the sealing key first, older keys after it.`,
      );
    }
    return { id, secret };
  });
  if (keys.length === 0) {
    throw new DemoConfigError(
      'MAKINI_TOKEN_KEYS is empty: set it to id:secret (openssl rand -base64 32), or unset it to use a development key.',
    );
  }
  try {
    new TokenCipher({ keys });
  } catch (error) {
    // TokenCipher names a refused key by its position and length, never its id or secret (an
    // entry written secret:id holds the secret where the id belongs); said here as entry numbers.
    const reason = (error as Error).message
      .replace(/^TokenCipher: /, '')
      .replace(/keys\[(\d+)\]\.(id|secret)/g, (_, index: string, field: string) => {
        return `entry ${Number(index) + 1}'s ${field}`;
      });
    throw new DemoConfigError(`MAKINI_TOKEN_KEYS: ${reason}`);
  }
  return keys;
}

/**
 * The keys that seal the stored tokens: `MAKINI_TOKEN_KEYS` when set; otherwise a development key
 * generated once and kept in the data folder (mode 600), said in the log so nobody mistakes it for
 * a production setup.
 */
export async function loadTokenKeys(options: {
  env: string | undefined;
  dataDir: string;
  log: (line: string) => void;
}): Promise<TokenCipherKey[]> {
  if (options.env !== undefined && options.env.trim() !== '') return parseTokenKeys(options.env);
  const file = join(options.dataDir, DEV_KEY_FILE);
  let key: TokenCipherKey;
  try {
    key = JSON.parse(await readFile(file, 'utf8')) as TokenCipherKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    key = { id: `dev-${Date.now().toString(36)}`, secret: TokenCipher.generateSecret() };
    await mkdir(options.dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(key)}\n`, { mode: 0o600, flag: 'wx' }).catch(
      async (raced: NodeJS.ErrnoException) => {
        // Another process of this demo made it first: use theirs.
        if (raced.code !== 'EEXIST') throw raced;
        key = JSON.parse(await readFile(file, 'utf8')) as TokenCipherKey;
      },
    );
  }
  await chmod(file, 0o600);
  options.log(
    `[demo] MAKINI_TOKEN_KEYS is not set: tokens are sealed with the development key "${key.id}" kept in ${file} (mode 600). Set MAKINI_TOKEN_KEYS=<id>:<openssl rand -base64 32> outside development.`,
  );
  return [key];
}
