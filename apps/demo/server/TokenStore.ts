import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TokenSet } from '@makini-kit/core';

/** What the back end keeps per connection; tokens never leave this process except to Makini. */
export interface StoredConnection {
  key: string;
  name: string;
  platform: string;
  tokens: TokenSet;
}

/**
 * Tokens on disk as JSON, written atomically (a temporary file renamed over the old one), so a
 * crash mid-write never leaves half a file and the tokens survive a restart.
 */
export class TokenStore {
  private connections = new Map<string, StoredConnection>();
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string) {}

  async load(): Promise<void> {
    try {
      const saved = JSON.parse(await readFile(this.file, 'utf8')) as {
        connections?: StoredConnection[];
      };
      this.connections = new Map((saved.connections ?? []).map((entry) => [entry.key, entry]));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }

  list(): StoredConnection[] {
    return [...this.connections.values()];
  }

  get(key: string): StoredConnection | undefined {
    return this.connections.get(key);
  }

  async save(entry: StoredConnection): Promise<void> {
    this.connections.set(entry.key, entry);
    await this.flush();
  }

  async clear(): Promise<void> {
    this.connections.clear();
    await this.flush();
  }

  /** Writes one at a time, in order; each write replaces the file whole. */
  private flush(): Promise<void> {
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ connections: this.list() }, null, 2), {
        mode: 0o600,
      });
      await rename(temporary, this.file);
    });
    return this.writing;
  }
}
