import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestTargets } from './manifestTargets.js';
import { type PackedPackage, packTarball } from './packTarball.js';
import { PUBLISHED_PACKAGES, packagesRoot, repositoryRoot } from './publishedPackages.js';
import { hasCondition, withoutCondition } from './withoutCondition.js';
import { workspaceManifests } from './workspaceManifests.js';

/** The monorepo's export condition that points at `src/`: it must never reach a registry. */
const SOURCE_CONDITION = '@makini-kit/source';

/** Scripts a consumer's install may run. None: the packages ship built. */
const ALLOWED_SCRIPTS: string[] = [];

/** Besides `dist/`, the only files a tarball may hold. */
const TOP_LEVEL_FILES = ['LICENSE', 'README.md', 'package.json'];

/**
 * Files a package ships beside those: the sandbox's README and its own error messages point at
 * FIDELITY.md, so it must be in the tarball.
 */
const EXTRA_FILES: Readonly<Record<string, readonly string[]>> = {
  sandbox: ['FIDELITY.md'],
};

/** What must not ship even inside `dist/`. */
const DEVELOPMENT_ONLY =
  /(\.(test|test-d|spec|stories|bench)\.|__snapshots__|(^|\/)(fixtures?|bench|test)\/)/;

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

const scratch = mkdtempSync(join(tmpdir(), 'makini-packaging-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The repository's licence; read when asserted, so that a missing file fails one test, not the file. */
const rootLicense = () => readFileSync(join(repositoryRoot, 'LICENSE'), 'utf8');
const privateNames = workspaceManifests()
  .filter((manifest) => manifest.private)
  .map((manifest) => manifest.name);

it('the repository carries the MIT licence its package.json names', () => {
  expect(rootLicense()).toMatch(
    /^MIT License\n\nCopyright \(c\) 2026 Makini Connect Kit contributors\n/,
  );
  expect(privateNames).toContain('@makini-kit/test-utils');
});

describe.each(PUBLISHED_PACKAGES)('the %s tarball', (dir) => {
  let packed: PackedPackage;
  const workspace = JSON.parse(
    readFileSync(join(packagesRoot, dir, 'package.json'), 'utf8'),
  ) as PackedPackage['manifest'];

  beforeAll(async () => {
    packed = await packTarball(dir, scratch);
  });

  it('holds the build, package.json, the README and the licence, and nothing else', () => {
    const expected = [...TOP_LEVEL_FILES, ...(EXTRA_FILES[dir] ?? [])];
    const outside = packed.files.filter(
      (path) => !path.startsWith('dist/') && !expected.includes(path),
    );
    expect(outside).toEqual([]);
    expect(packed.files.filter((path) => DEVELOPMENT_ONLY.test(path))).toEqual([]);
    expect(packed.files).toEqual(expect.arrayContaining(expected));
    expect(workspace.files).toContain('LICENSE');
  });

  it('depends on the exact version of a kit package whose internal entry it imports', () => {
    const internal = new Set<string>();
    for (const path of packed.files.filter((file) => /\.(c|m)?js$/.test(file))) {
      for (const [, name] of packed
        .read(path)
        .matchAll(/["'](@makini-kit\/[a-z-]+)\/internal["']/g))
        if (name) internal.add(name);
    }
    const dependencies = packed.manifest.dependencies ?? {};
    for (const name of internal) {
      const version = workspaceManifests().find((manifest) => manifest.name === name)?.version;
      expect({ name, range: dependencies[name] }).toEqual({ name, range: version });
    }
    if (dir === 'react') expect([...internal]).toEqual(['@makini-kit/core']);
  });

  it('ships the repository licence, word for word', () => {
    expect(packed.manifest.license).toBe('MIT');
    expect(packed.read('LICENSE')).toBe(rootLicense());
  });

  it('holds every file its manifest points at, under every condition', () => {
    const targets = manifestTargets(packed.manifest);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((path) => !packed.files.includes(path))).toEqual([]);
  });

  it('keeps the monorepo source condition out of the published exports, and nothing else', () => {
    expect(hasCondition(workspace.exports, SOURCE_CONDITION)).toBe(true);
    expect(hasCondition(packed.manifest.exports, SOURCE_CONDITION)).toBe(false);
    // Same keys in the same order: condition order decides which file a resolver picks.
    expect(JSON.stringify(packed.manifest.exports)).toBe(
      JSON.stringify(withoutCondition(workspace.exports, SOURCE_CONDITION)),
    );
  });

  it('points no sourceMappingURL at a missing map, and ships no map that needs unshipped sources', () => {
    const broken: string[] = [];
    for (const path of packed.files.filter((file) => /\.(c|m)?(js|ts)$/.test(file))) {
      for (const [, url] of packed.read(path).matchAll(/\/\/# sourceMappingURL=(\S+)/g)) {
        if (url?.startsWith('data:')) continue;
        const map = posix.join(dirname(path), url ?? '');
        if (!packed.files.includes(map)) broken.push(`${path} → ${map}`);
      }
    }
    expect(broken).toEqual([]);

    const unreadable: string[] = [];
    for (const path of packed.files.filter((file) => file.endsWith('.map'))) {
      const map = JSON.parse(packed.read(path)) as {
        sources: string[];
        sourcesContent?: unknown[];
      };
      map.sources.forEach((source, index) => {
        const shipped = packed.files.includes(posix.join(dirname(path), source));
        if (!shipped && typeof map.sourcesContent?.[index] !== 'string')
          unreadable.push(`${path}: ${source}`);
      });
    }
    expect(unreadable).toEqual([]);
  });

  it('keeps the monorepo scripts and development dependencies at home', () => {
    const scripts = Object.keys(packed.manifest.scripts ?? {});
    expect(scripts.filter((name) => !ALLOWED_SCRIPTS.includes(name))).toEqual([]);
    expect(packed.manifest.devDependencies).toBeUndefined();
    for (const field of DEPENDENCY_FIELDS) {
      const dependencies = Object.entries(packed.manifest[field] ?? {});
      expect(dependencies.filter(([name]) => privateNames.includes(name))).toEqual([]);
      expect(dependencies.filter(([, range]) => range.startsWith('workspace:'))).toEqual([]);
    }
  });
});
