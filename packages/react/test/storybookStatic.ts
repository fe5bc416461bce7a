import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** Where the package's test script builds Storybook (`storybook build -o storybook-static`). */
export const storybookStaticDir = join(packageDir, 'storybook-static');
/** Held while one test builds, so parallel test files never build into the folder at once. */
const lockDir = `${storybookStaticDir}.lock`;
const LOCK_STALE_MS = 15 * 60_000;

/** What the tests write next to the sources (failure screenshots, snapshots), not sources. */
const GENERATED = /(^|\/)(__screenshots__|__snapshots__|\.vitest-attachments)(\/|$)/;

/** The newest modification time of the source files under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (!entry.isFile() || GENERATED.test(path.slice(packageDir.length))) continue;
    latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

function isFresh(): boolean {
  const built = join(storybookStaticDir, 'index.json');
  if (!existsSync(built)) return false;
  const sources = Math.max(
    ...['src', '.storybook', 'test'].map((dir) => newest(join(packageDir, dir))),
  );
  return statSync(built).mtimeMs >= sources;
}

async function withLock<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch {
      // A build that died long ago left its lock behind.
      if (existsSync(lockDir) && Date.now() - statSync(lockDir).mtimeMs > LOCK_STALE_MS) {
        rmSync(lockDir, { recursive: true, force: true });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Runs `storybook build` into `storybook-static`; call it under the lock. */
async function build(): Promise<void> {
  const child = spawn(
    join(packageDir, 'node_modules/.bin/storybook'),
    ['build', '-o', storybookStaticDir, '--quiet'],
    { cwd: packageDir, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`storybook build exited with ${code}:\n${errors}`);
}

/**
 * Builds `storybook-static` again, one build at a time across the test files that share it. With
 * `unless`, a test file that waited for another's build skips its own when that one will do.
 */
export function rebuildStorybookStatic(unless?: () => boolean): Promise<string> {
  return withLock(async () => {
    if (!unless?.()) await build();
    return storybookStaticDir;
  });
}

/**
 * The static build, built again when it is missing or older than the stories, the Storybook
 * config or the test pages, so a test never checks a stale one.
 */
export async function freshStorybookStatic(): Promise<string> {
  if (isFresh()) return storybookStaticDir;
  return rebuildStorybookStatic(isFresh);
}
