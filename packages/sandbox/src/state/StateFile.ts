import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SavedRecords } from '../data/ConnectionData.js';
import type { SavedConnection } from './ConnectionRegistry.js';
import type { TokenStore } from './TokenStore.js';

/** What a state file holds. */
export interface SavedState {
  version: 1;
  connections: SavedConnection[];
  tokens: ReturnType<TokenStore['snapshot']>;
  rotations: number;
  /** Records written through the API, by connection key (absent in files of older versions). */
  records?: Record<string, SavedRecords>;
}

/**
 * The sandbox's state on disk: read once at start, written (atomically: a temporary file renamed
 * over the old one) shortly after each change, and on close.
 */
export class StateFile {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly path: string,
    private readonly collect: () => SavedState,
  ) {}

  read(): SavedState | undefined {
    if (!existsSync(this.path)) return undefined;
    const saved = JSON.parse(readFileSync(this.path, 'utf8')) as SavedState;
    if (saved.version !== 1)
      throw new Error(
        `${this.path} is not a sandbox state file of this version; delete it to start fresh.`,
      );
    return saved;
  }

  /** Saves soon; several changes in a burst are written once. */
  changed(): void {
    if (this.timer) return;
    // A timer's exception would end the process that embeds the sandbox: flush never throws.
    this.timer = setTimeout(() => this.flush(), 50);
    this.timer.unref?.();
  }

  /**
   * Writes the state now. A failure (a full disk, state that cannot be serialized) is logged and
   * leaves the previous file in place; it returns false rather than throwing, since it runs from a
   * timer and from `close()`.
   */
  flush(): boolean {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      const text = JSON.stringify(this.collect());
      mkdirSync(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temporary, text, { mode: 0o600 });
      renameSync(temporary, this.path);
      return true;
    } catch (cause) {
      console.error(`makini-sandbox: could not save state to ${this.path}:`, cause);
      return false;
    }
  }
}
