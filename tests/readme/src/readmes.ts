import { fileURLToPath } from 'node:url';

/** The repository root. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** Where each README's prelude lives: the free names its blocks use, declared and nothing more. */
export const preludeDir = fileURLToPath(new URL('../preludes/', import.meta.url));

/** A README whose TypeScript blocks are checked, and the prelude its blocks share. */
export interface ReadmeEntry {
  /** Relative to the repository root. */
  path: string;
  /** A file in `preludes/`. */
  prelude: string;
}

/**
 * Every README a user reads. `readmes.test.ts` also fails when a README or SECURITY.md exists that
 * this list leaves out, so a new package's README is checked from its first commit.
 */
export const READMES: readonly ReadmeEntry[] = [
  { path: 'README.md', prelude: 'none.d.ts' },
  { path: 'SECURITY.md', prelude: 'none.d.ts' },
  { path: 'packages/core/README.md', prelude: 'core.d.ts' },
  { path: 'packages/react/README.md', prelude: 'react.d.ts' },
  { path: 'packages/webhook-node/README.md', prelude: 'webhook-node.d.ts' },
  { path: 'packages/redis/README.md', prelude: 'redis.d.ts' },
  { path: 'packages/sandbox/README.md', prelude: 'none.d.ts' },
  { path: 'apps/demo/README.md', prelude: 'none.d.ts' },
  { path: 'apps/next-example/README.md', prelude: 'none.d.ts' },
  { path: 'tests/contract/README.md', prelude: 'none.d.ts' },
  { path: 'examples/README.md', prelude: 'none.d.ts' },
  { path: 'examples/backend/README.md', prelude: 'none.d.ts' },
  { path: 'examples/frontend/README.md', prelude: 'none.d.ts' },
  { path: 'examples/testing/README.md', prelude: 'none.d.ts' },
];
