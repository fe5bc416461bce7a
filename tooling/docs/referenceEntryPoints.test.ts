// `pnpm run docs` documents every published package, and every entry point of each: an entry added to
// a package's `exports` without a page in the API reference fails here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

interface Manifest {
  name: string;
  private?: boolean;
  exports: Record<string, unknown>;
}

/** The source file of an export: its `@makini-kit/source` condition, the `default` one when it has several. */
function sourceOf(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const source = (target as Record<string, unknown>)['@makini-kit/source'];
  if (typeof source === 'string') return source.endsWith('.ts') ? source : undefined;
  return sourceOf({ '@makini-kit/source': (source as Record<string, unknown>)?.default });
}

const config = readJson(join(root, 'typedoc.json'));
const published = readdirSync(join(root, 'packages'))
  .map((dir) => `packages/${dir}`)
  .filter((dir) => existsSync(join(root, dir, 'package.json')))
  .filter((dir) => !(readJson(join(root, dir, 'package.json')) as Manifest).private);

describe('the API reference (typedoc.json)', () => {
  it('documents every published package', () => {
    expect([...config.entryPoints].sort()).toEqual(published.sort());
  });

  it.each(published)('documents every entry point of %s', (dir) => {
    const manifest = readJson(join(root, dir, 'package.json')) as Manifest;
    const own = join(root, dir, 'typedoc.json');
    const entryPoints: string[] = existsSync(own)
      ? readJson(own).entryPoints
      : config.packageOptions.entryPoints;
    // `./internal` is what the kit's packages share among themselves, outside the public API.
    const sources = Object.entries(manifest.exports)
      .filter(([path]) => path !== './internal')
      .map(([, target]) => sourceOf(target))
      .filter((source): source is string => source !== undefined)
      .map((source) => source.replace(/^\.\//, ''));
    expect([...entryPoints].sort()).toEqual(sources.sort());
  });

  it('fails on any warning', () => {
    expect(config.treatWarningsAsErrors).toBe(true);
    expect(config.validation).toMatchObject({
      notExported: true,
      invalidLink: true,
      notDocumented: true,
    });
  });
});
