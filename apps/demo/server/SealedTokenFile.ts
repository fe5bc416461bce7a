import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  MemoryLock,
  type StoredTokens,
  type TokenCipher,
  type TokenSet,
  type TokenStore,
  type TokenWrite,
} from '@makini-kit/core';
import type { ConnectionInfo, ConnectionStore } from './ConnectionStore.js';
import { readTokenFile } from './readTokenFile.js';

interface Entry {
  info?: ConnectionInfo | undefined;
  tokens: TokenSet;
  version: number;
  /** The highest fence a write carried, so a lapsed refresh cannot overwrite a later one. */
  fence: number;
  /** The tokens as written to disk; `undefined` until sealed again after a change. */
  sealed?: string | undefined;
}

/** One connection as written to the file: its tokens sealed (`mkc1.<keyId>.…`). */
interface FileEntry extends Partial<ConnectionInfo> {
  key: string;
  version: number;
  fence: number;
  tokens: string;
}

/**
 * The tokens of one back-end process in a JSON file, each sealed with `TokenCipher` (bound to its
 * connection) and written atomically: a temporary file renamed over the old one, mode 600, so a
 * crash mid-write never leaves half a file. A file of plaintext tokens only, as earlier versions of
 * the demo wrote, is read once and rewritten sealed; plaintext beside sealed entries is refused
 * (`TokenFileError`). Tokens sealed with a key other than the first are resealed with the first.
 * Only this process writes the file: replicas share Redis instead.
 */
export class SealedTokenFile implements ConnectionStore {
  private readonly entries = new Map<string, Entry>();
  private writing: Promise<void> = Promise.resolve();
  readonly lock = new MemoryLock();
  readonly tokens: TokenStore = {
    get: async (connectionKey) => this.read(connectionKey),
    compareAndSet: (connectionKey, expectedVersion, tokens, options) =>
      this.compareAndSet(connectionKey, expectedVersion, tokens, options),
    set: async (connectionKey, tokens) => {
      const written = this.write(connectionKey, tokens);
      await this.flush();
      return written.version;
    },
    delete: async (connectionKey) => {
      this.entries.delete(connectionKey);
      await this.flush();
    },
  };

  private constructor(
    private readonly file: string,
    private readonly cipher: TokenCipher,
  ) {}

  /**
   * Opens the file (or starts empty); `log` hears when plaintext or old-key tokens are resealed.
   *
   * @throws {TokenFileError} when an entry is not usable, or plaintext tokens sit beside sealed ones.
   * @throws {TokenDecryptionError} when sealed tokens do not open with `cipher`'s keys.
   */
  static async open(file: string, cipher: TokenCipher, log: (line: string) => void) {
    const store = new SealedTokenFile(file, cipher);
    let saved: unknown = {};
    try {
      saved = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    let rewrite = 0;
    for (const { info, key, version, fence, tokens } of readTokenFile(file, saved)) {
      const sealed =
        'sealed' in tokens && !cipher.isStale(tokens.sealed) ? tokens.sealed : undefined;
      if (sealed === undefined) rewrite++;
      store.entries.set(key, {
        info,
        tokens: 'sealed' in tokens ? await cipher.open(tokens.sealed, key) : tokens.plaintext,
        version,
        fence,
        sealed,
      });
    }
    if (rewrite > 0) {
      await store.flush();
      log(`[demo] resealed ${rewrite} connection(s) in ${file} with key "${cipher.keyIds[0]}"`);
    }
    return store;
  }

  async list(): Promise<ConnectionInfo[]> {
    return [...this.entries.values()].flatMap((entry) => (entry.info ? [entry.info] : []));
  }

  async get(key: string): Promise<ConnectionInfo | undefined> {
    return this.entries.get(key)?.info;
  }

  async save(connection: ConnectionInfo, tokens: TokenSet): Promise<void> {
    const entry = this.write(connection.key, tokens);
    entry.info = { ...connection };
    await this.flush();
  }

  async remove(key: string): Promise<void> {
    this.entries.delete(key);
    await this.flush();
  }

  // Checks and updates happen before the first await, so concurrent writers in this process are
  // ordered; the file follows.

  private read(connectionKey: string): StoredTokens | undefined {
    const entry = this.entries.get(connectionKey);
    return entry ? { tokens: { ...entry.tokens }, version: entry.version } : undefined;
  }

  private async compareAndSet(
    connectionKey: string,
    expectedVersion: number,
    tokens: TokenSet,
    options: { fence?: number | undefined } = {},
  ): Promise<TokenWrite> {
    const entry = this.entries.get(connectionKey);
    const fenced = options.fence !== undefined && options.fence < (entry?.fence ?? 0);
    if ((entry?.version ?? 0) !== expectedVersion || fenced) {
      return { ok: false, current: this.read(connectionKey) };
    }
    const written = this.write(connectionKey, tokens, options.fence);
    await this.flush();
    return { ok: true, version: written.version };
  }

  private write(connectionKey: string, tokens: TokenSet, fence?: number): Entry {
    const entry = this.entries.get(connectionKey);
    const next: Entry = {
      info: entry?.info,
      tokens: { ...tokens },
      version: (entry?.version ?? 0) + 1,
      fence: Math.max(entry?.fence ?? 0, fence ?? 0),
    };
    this.entries.set(connectionKey, next);
    return next;
  }

  /** Writes one at a time, in order; each write replaces the file whole. */
  private flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const connections: FileEntry[] = [];
      for (const [key, entry] of this.entries) {
        entry.sealed ??= await this.cipher.seal(entry.tokens, key);
        connections.push({
          key,
          ...entry.info,
          version: entry.version,
          fence: entry.fence,
          tokens: entry.sealed,
        });
      }
      await mkdir(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ connections }, null, 2), { mode: 0o600 });
      await rename(temporary, this.file);
    });
    return this.writing;
  }
}
