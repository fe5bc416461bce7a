import { fileURLToPath } from 'node:url';
import { run } from './commands.js';

export const PACKAGES = ['core', 'react', 'webhook-node', 'sandbox'] as const;
export type PackageDir = (typeof PACKAGES)[number];

const packagesRoot = fileURLToPath(new URL('../../../packages/', import.meta.url));

/** `pnpm pack`s each published package, as a release would, into `destination`; answers each tarball's path. */
export async function packPackages(destination: string) {
  const tarballs = {} as Record<PackageDir, string>;
  for (const dir of PACKAGES) {
    const packed = await run('pnpm', ['pack', '--pack-destination', destination, '--json'], {
      cwd: `${packagesRoot}${dir}`,
    });
    if (packed.code !== 0) throw new Error(`pnpm pack failed in packages/${dir}\n${packed.output}`);
    tarballs[dir] = (JSON.parse(packed.stdout) as { filename: string }).filename;
  }
  return tarballs;
}
