import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { type PublishedPackage, packagesRoot } from './publishedPackages.js';

const run = promisify(execFile);

/** A manifest as JSON gives it: only the fields these tests read are typed. */
export interface Manifest {
  name: string;
  license?: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  exports?: unknown;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: { exports?: unknown };
  [field: string]: unknown;
}

export interface PackedPackage {
  /** The paths `pnpm pack --json` reports, sorted. */
  files: string[];
  /** The tarball's `package.json`, as a registry would serve it. */
  manifest: Manifest;
  /** Where the tarball was unpacked: `destination/node_modules/<name>`, as npm would install it. */
  root: string;
  /** A file of the tarball, as text. */
  read(path: string): string;
}

/**
 * Packs `packages/<dir>` the way a release does (`pnpm pack`, which applies `publishConfig` and the
 * workspace's `beforePacking` hook), and unpacks the tarball into `destination/node_modules/<name>`,
 * so that packages unpacked into one destination import each other as installed packages do.
 */
export async function packTarball(dir: PublishedPackage, destination: string) {
  const packageRoot = join(packagesRoot, dir);
  const { stdout } = await run('pnpm', ['pack', '--json', '--pack-destination', destination], {
    cwd: packageRoot,
  });
  const packed = JSON.parse(stdout) as {
    name: string;
    filename: string;
    files: Array<{ path: string }>;
  };
  const tarball = join(destination, basename(packed.filename));
  const root = join(destination, 'node_modules', packed.name);
  mkdirSync(root, { recursive: true });
  await run('tar', ['-xzf', tarball, '-C', root, '--strip-components=1']);
  const read = (path: string) => readFileSync(join(root, path), 'utf8');
  return {
    files: packed.files.map((file) => file.path).sort(),
    manifest: JSON.parse(read('package.json')) as Manifest,
    root,
    read,
  } satisfies PackedPackage;
}
