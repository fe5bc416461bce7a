import { cpSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './commands.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/**
 * Copies an example out of the repository, as a user would, and installs it with npm: its own
 * registry dependencies and the given tarballs. What a user installed or built in examples/ stays
 * behind.
 */
export function installExample(name: string, into: string, tarballs: string[]) {
  cpSync(`${examples}${name}`, into, {
    recursive: true,
    filter: (source) => !['node_modules', 'dist'].includes(basename(source)),
  });
  return run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], {
    cwd: into,
  });
}
