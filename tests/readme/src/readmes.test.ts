import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SandboxAdmin } from '@makini-kit/sandbox';
import { describe, expect, it } from 'vitest';
import { checkReadme } from './checkReadme.js';
import { extractBlocks } from './extractBlocks.js';
import { formatFailures } from './Failure.js';
import { preludeDir, READMES, repoRoot } from './readmes.js';

describe.each(READMES)('$path', ({ path, prelude }) => {
  it('type-checks every TypeScript block under nodenext and bundler, and runs the runnable ones', async () => {
    const report = await checkReadme({ readme: path, prelude: join(preludeDir, prelude) });
    expect(formatFailures(report.failures)).toBe('');
  });
});

describe('the READMEs', () => {
  const blocks = READMES.flatMap(({ path }) =>
    extractBlocks(readFileSync(join(repoRoot, path), 'utf8')).map((block) => ({ path, block })),
  );
  const flagged = (flag: 'runnable' | 'skip-check') =>
    blocks
      .filter(({ block }) => block.flags.has(flag))
      .map(({ path, block }) => `${path}:${block.fenceLine}`);

  it('are all listed, so a new one is checked from its first commit', () => {
    const candidates = ['README.md', 'SECURITY.md', 'examples/README.md'].concat(
      ['packages', 'apps', 'examples', 'tests'].flatMap((dir) =>
        existsSync(join(repoRoot, dir))
          ? readdirSync(join(repoRoot, dir))
              .sort()
              .map((name) => `${dir}/${name}/README.md`)
          : [],
      ),
    );
    const present = candidates.filter((path) => existsSync(join(repoRoot, path)));
    expect(present.filter((path) => !READMES.some((entry) => entry.path === path))).toEqual([]);
  });

  it('run the examples a new user starts from against a real sandbox', () => {
    // The first token and a page of purchase orders, the sandbox itself, a suite with startSandbox,
    // refresh-token reuse counted by the sandbox, a signed test webhook posted to an endpoint,
    // a reconnect link made, verified and redeemed once, and a language of your own with plural.
    expect(flagged('runnable')).toHaveLength(7);
  });

  it('leave no block unchecked', () => {
    expect(flagged('skip-check')).toEqual([]);
  });

  it('list every method of sandbox.admin', () => {
    const readme = readFileSync(join(repoRoot, 'packages/sandbox/README.md'), 'utf8');
    const methods = Object.getOwnPropertyNames(SandboxAdmin.prototype).filter(
      (name) => name !== 'constructor',
    );
    expect(methods.length).toBeGreaterThan(10);
    expect(methods.filter((name) => !readme.includes(`\`${name}(`))).toEqual([]);
  });
});
