// The API reference (`pnpm run docs` at the repository root, written to docs/api/) inside Storybook:
// served under /api, and the names of the pages it has for @makini-kit/react, so each component's
// docs page links its reference only when that page exists.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where `pnpm run docs` writes the reference. */
export const referenceDir = fileURLToPath(new URL('../../../docs/api', import.meta.url));

/** The reference's pages of `@makini-kit/react` exports (router `structure`): `ConnectionStatus`, … */
export function referencePages(): string[] {
  const dir = `${referenceDir}/_makini-kit/react`;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.html'))
    .map((file) => file.slice(0, -'.html'.length));
}

/** Storybook's `staticDirs`: the reference under `/api` when it has been built. */
export function referenceStaticDirs(): Array<{ from: string; to: string }> {
  return existsSync(referenceDir) ? [{ from: referenceDir, to: '/api' }] : [];
}
