import type { TokenSet } from '@makini-kit/core';
import type { ConnectionInfo } from './ConnectionStore.js';
import { TokenFileError } from './TokenFileError.js';

/** One connection of the token file, checked: its tokens sealed, or plaintext from an old file. */
export interface TokenFileEntry {
  info: ConnectionInfo | undefined;
  key: string;
  version: number;
  fence: number;
  tokens: { sealed: string } | { plaintext: TokenSet };
}

const SEALED = /^mkc1\.[^.]+\.[^.]+\.[^.]+$/;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What is wrong with a plaintext token set, or `undefined` when it is one. Quotes no value. */
function tokenSetProblem(tokens: Record<string, unknown>): string | undefined {
  const { accessToken, refreshToken, expiresAt } = tokens;
  if (typeof accessToken !== 'string' || accessToken === '')
    return 'accessToken must be a non-empty string';
  if (!(refreshToken == null || typeof refreshToken === 'string'))
    return 'refreshToken must be a string or null';
  if (!(expiresAt === null || (typeof expiresAt === 'number' && Number.isFinite(expiresAt))))
    return 'expiresAt must be epoch milliseconds or null';
  return undefined;
}

const count = (value: unknown, min: number) =>
  value === undefined || (Number.isSafeInteger(value) && (value as number) >= min);

/**
 * Checks the parsed token file entry by entry. Plaintext tokens are accepted only in a file with no
 * sealed entry at all, as the demo wrote before it sealed them (read once, then rewritten sealed):
 * plaintext beside sealed entries is what someone who can write the file would plant. Every error
 * names the file and the entry, never a token.
 *
 * @throws {TokenFileError} when the file or one of its entries cannot be used.
 */
export function readTokenFile(file: string, saved: unknown): TokenFileEntry[] {
  const fail = (reason: string): never => {
    throw new TokenFileError(`${file}: ${reason}`);
  };
  if (!isRecord(saved)) fail('the file must hold a JSON object { "connections": [...] }.');
  const connections = (saved as Record<string, unknown>).connections ?? [];
  if (!Array.isArray(connections)) fail('connections must be a list.');
  const entries = (connections as unknown[]).map((entry, index): TokenFileEntry => {
    if (!isRecord(entry) || typeof entry.key !== 'string' || entry.key === '') {
      return fail(`connections[${index}] has no key (the connection key, a string).`);
    }
    const { key, name, platform, version, fence, tokens } = entry;
    const where = `connections[${index}] (${key})`;
    if (!count(version, 1) || !count(fence, 0)) {
      fail(`${where}: version must be a whole number from 1, and fence from 0.`);
    }
    const info =
      typeof name === 'string' && typeof platform === 'string'
        ? { key, name, platform }
        : undefined;
    const base = { info, key, version: (version as number) ?? 1, fence: (fence as number) ?? 0 };
    if (typeof tokens === 'string' && SEALED.test(tokens))
      return { ...base, tokens: { sealed: tokens } };
    if (!isRecord(tokens)) {
      return fail(
        `${where} holds tokens that are neither sealed (mkc1.<keyId>.…) nor a token set.`,
      );
    }
    const problem = tokenSetProblem(tokens);
    if (problem) fail(`${where} holds plaintext tokens that are not a token set: ${problem}.`);
    const plaintext = tokens as unknown as TokenSet;
    return {
      ...base,
      tokens: {
        plaintext: {
          accessToken: plaintext.accessToken,
          refreshToken: plaintext.refreshToken ?? null,
          expiresAt: plaintext.expiresAt,
        },
      },
    };
  });
  if (entries.some((entry) => 'sealed' in entry.tokens)) {
    const index = entries.findIndex((entry) => 'plaintext' in entry.tokens);
    if (index >= 0) {
      fail(
        `connections[${index}] (${entries[index]?.key}) holds plaintext tokens, but the file holds sealed ones too. Only a file that an earlier demo wrote, with no sealed entry at all, is read in plaintext (once, and rewritten sealed). Remove that entry, or the file to start over.`,
      );
    }
  }
  return entries;
}
