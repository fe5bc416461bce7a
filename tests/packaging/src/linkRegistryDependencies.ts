import { existsSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PackedPackage } from './packTarball.js';
import { type PublishedPackage, packagesRoot } from './publishedPackages.js';

/**
 * Links the registry dependencies of an unpacked tarball (zod, …) from the workspace's install
 * into `destination/node_modules`, so the tarball runs without a network. Workspace packages are
 * not linked: the caller unpacks their tarballs beside it.
 */
export function linkRegistryDependencies(
  packed: PackedPackage,
  dir: PublishedPackage,
  destination: string,
) {
  for (const name of Object.keys(packed.manifest.dependencies ?? {})) {
    if (name.startsWith('@makini-kit/')) continue;
    const link = join(destination, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(realpathSync(join(packagesRoot, dir, 'node_modules', name)), link, 'dir');
  }
}
