import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
/** Where the package's test script builds Storybook (`storybook build -o storybook-static`). */
export const storybookStaticDir = join(packageDir, 'storybook-static');

/** The newest modification time of the files under `dir`. */
function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

/**
 * The static build, built again when it is missing or older than the stories, the Storybook
 * config or the test pages, so a test never checks a stale one.
 */
export async function freshStorybookStatic(): Promise<string> {
  const built = join(storybookStaticDir, 'index.json');
  const sources = Math.max(
    ...['src', '.storybook', 'test'].map((dir) => newest(join(packageDir, dir))),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return storybookStaticDir;
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
  return storybookStaticDir;
}
