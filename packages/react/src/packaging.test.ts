// @vitest-environment node
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'makini-react-pack-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file path a manifest points at: `main`, `module`, `types` and each `exports` target. */
function targets(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(targets);
  return [];
}

describe('the published tarball', () => {
  let files: string[];
  let manifest: Record<string, unknown>;

  beforeAll(() => {
    if (!existsSync(join(packageRoot, 'dist/index.js'))) {
      throw new Error('dist/ is missing: run `pnpm build` (turbo runs it before `test`).');
    }
    const packed = JSON.parse(
      execFileSync('pnpm', ['pack', '--json', '--pack-destination', scratch], {
        cwd: packageRoot,
        encoding: 'utf8',
      }),
    ) as { filename: string; files: Array<{ path: string }> };
    files = packed.files.map((file) => file.path).sort();
    const tarball = join(scratch, packed.filename.split('/').pop() ?? '');
    manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
  });

  it('holds only the build, package.json, the README and the license', () => {
    const extra = files.filter(
      (path) =>
        !path.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(path),
    );
    expect(extra).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'dist/index.js']));
  });

  it('holds every file its manifest points at, under every condition', () => {
    const named = [
      manifest.main,
      manifest.module,
      manifest.types,
      ...targets(manifest.exports),
    ].map((path) => String(path).replace(/^\.\//, ''));
    expect(named.filter((path) => !files.includes(path))).toEqual([]);
    expect(Object.keys(manifest.exports as object)).toContain('./styles.css');
  });
});
