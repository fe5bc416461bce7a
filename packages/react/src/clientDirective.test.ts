// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Reads the build (turbo runs `build` before `test`): the directive is added by the bundler
// configuration, so the source cannot show it.
const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  publishConfig: { exports: Record<string, unknown> };
};

const CLIENT_ENTRIES = ['.'];
const SERVER_ENTRIES = ['./server', './locales'];
/** A directive is the first statement; comments may come before it. */
const DIRECTIVE = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*(['"])use client\1;?/;

function builtFiles(entry: string): string[] {
  const conditions = manifest.publishConfig.exports[entry] as Record<
    'import' | 'require',
    { default: string }
  >;
  return [conditions.import.default, conditions.require.default].map((file) => join(root, file));
}

function read(file: string): string {
  if (!existsSync(file))
    throw new Error(`${relative(root, file)} is missing: run pnpm build first.`);
  return readFileSync(file, 'utf8');
}

/** Every file the runtime loads for `file`: it and the package's own chunks it imports, transitively. */
function loadedFiles(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = read(file);
  const specifiers = [
    ...code.matchAll(/\bfrom\s*["'](\.{1,2}\/[^"']+)["']/g),
    ...code.matchAll(/\bimport\s*["'](\.{1,2}\/[^"']+)["']/g),
    ...code.matchAll(/\brequire\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g),
  ].map((match) => match[1] ?? '');
  for (const specifier of specifiers) loadedFiles(join(dirname(file), specifier), seen);
  return seen;
}

describe("'use client' in the built package", () => {
  it.each(CLIENT_ENTRIES)('%s starts with the directive, in ESM and CJS', (entry) => {
    for (const file of builtFiles(entry)) {
      expect(read(file), relative(root, file)).toMatch(DIRECTIVE);
    }
  });

  it.each(SERVER_ENTRIES)(
    '%s carries no directive and loads no client code, in ESM and CJS',
    (entry) => {
      for (const file of builtFiles(entry)) {
        for (const loaded of loadedFiles(file)) {
          const code = read(loaded);
          const name = relative(root, loaded);
          expect(code, name).not.toMatch(/(['"])use client\1/);
          expect(code, name).not.toMatch(/\bfrom\s*["']react(?:\/[^"']*)?["']/);
          expect(code, name).not.toMatch(/\brequire\(\s*["']react(?:\/[^"']*)?["']\s*\)/);
          expect(code, name).not.toMatch(/\buse(?:State|Effect|SyncExternalStore|Context)\b/);
        }
      }
    },
  );

  it('has the directive on the client entries only: no shared chunk carries it', () => {
    const clientFiles = new Set(CLIENT_ENTRIES.flatMap(builtFiles));
    const everyFile = [...CLIENT_ENTRIES, ...SERVER_ENTRIES]
      .flatMap(builtFiles)
      .flatMap((file) => [...loadedFiles(file)]);
    expect(everyFile.length).toBeGreaterThan(clientFiles.size);
    for (const file of everyFile) {
      if (clientFiles.has(file)) continue;
      expect(read(file), relative(root, file)).not.toMatch(DIRECTIVE);
    }
  });

  it('serves the server entry from the same files in the workspace and once published', () => {
    for (const entry of [...CLIENT_ENTRIES, ...SERVER_ENTRIES]) {
      const { '@makini-kit/source': _source, ...published } = manifest.exports[entry] as Record<
        string,
        unknown
      >;
      expect(published, entry).toEqual(manifest.publishConfig.exports[entry]);
    }
  });

  it('loads the server entry in Node', async () => {
    const server = (await import(
      /* @vite-ignore */ join(dist, 'server.js')
    )) as typeof import('./server.js');
    expect(Object.keys(server).sort()).toEqual(['DEFAULT_LABELS', 'en', 'plural']);
    expect(server.en.locale).toBe('en');
    expect(server.DEFAULT_LABELS.states.unknown).toBe(server.en.status.states.unknown);
    expect(server.plural('en', 2, { one: '# link', other: '# links' })).toBe('2 links');
  });
});
