import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from './packTarball.js';
import { repositoryRoot } from './publishedPackages.js';

/** The `package.json` of every workspace project under `packages/`, `apps/` and `tests/`. */
export function workspaceManifests(): Array<Manifest & { private?: boolean; dir: string }> {
  return ['packages', 'apps', 'tests'].flatMap((group) =>
    readdirSync(join(repositoryRoot, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .flatMap((entry) => {
        const dir = join(repositoryRoot, group, entry.name);
        try {
          return [
            { ...(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest), dir },
          ];
        } catch {
          return [];
        }
      }),
  );
}
