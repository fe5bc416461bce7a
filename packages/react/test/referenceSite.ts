import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshStorybookStatic, rebuildStorybookStatic } from './storybookStatic.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
/** Where `pnpm run docs` writes the API reference. */
export const referenceDir = join(root, 'docs/api');

function run(command: string, args: string[], cwd: string): Promise<void> {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    errors += chunk;
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}:\n${errors}`)),
    ),
  );
}

/**
 * The static Storybook build with the API reference in it: `pnpm run docs` first when the reference
 * is missing (`pnpm test` builds it before this package's tests), and Storybook again when its
 * build predates the reference.
 */
export async function storybookWithReference(): Promise<string> {
  if (!existsSync(join(referenceDir, 'index.html'))) {
    await run(join(root, 'node_modules/.bin/typedoc'), [], root);
  }
  const dir = await freshStorybookStatic();
  const withReference = () => existsSync(join(dir, 'api/index.html'));
  if (withReference()) return dir;
  // One build at a time: other test files serve the same folder.
  return rebuildStorybookStatic(withReference);
}
