import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReadme } from './checkReadme.js';
import { preludeDir, repoRoot } from './readmes.js';

const dir = mkdtempSync(join(tmpdir(), 'readme-broken-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a README with one change, and the README line of the change. */
function broken(path: string, from: string, to: string) {
  const text = readFileSync(join(repoRoot, path), 'utf8');
  expect(text).toContain(from);
  const copy = join(dir, `${path.replaceAll('/', '-')}-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(copy, text.replace(from, to));
  return { copy, line: text.slice(0, text.indexOf(from)).split('\n').length };
}

describe('the README checker', () => {
  it('fails on an example whose option was renamed, naming the README, block and line', async () => {
    const { copy, line } = broken(
      'packages/core/README.md',
      'maxRetryAfterMs: 60_000,',
      'maxRetryAfter: 60_000,',
    );
    const report = await checkReadme({
      readme: copy,
      prelude: join(preludeDir, 'core.d.ts'),
      run: false,
    });
    const renamed = report.failures.filter((failure) => failure.message.includes('maxRetryAfter'));
    expect(renamed.map((failure) => failure.stage).sort()).toEqual(['bundler', 'nodenext']);
    for (const failure of renamed) {
      expect(failure).toMatchObject({ readme: copy, line, block: { language: 'ts' } });
      expect(failure.message).toMatch(/^TS\d+: Object literal may only specify known properties/);
    }
    expect(report.failures).toHaveLength(2);
  });

  it('fails on an example that uses a package export without importing it', async () => {
    const { copy, line } = broken(
      'packages/webhook-node/README.md',
      "import { toExpressMiddleware } from '@makini-kit/webhook-node';\n",
      '',
    );
    const report = await checkReadme({
      readme: copy,
      prelude: join(preludeDir, 'webhook-node.d.ts'),
      run: false,
    });
    // The import's line is gone: the use sits three lines below where it was.
    expect(
      report.failures.map((failure) => [failure.stage, failure.line, failure.message]),
    ).toEqual(
      ['nodenext', 'bundler'].map((stage) => [
        stage,
        line + 3,
        expect.stringMatching(/^TS2304: Cannot find name 'toExpressMiddleware'/),
      ]),
    );
  });

  it('fails on a runnable example that breaks against the sandbox, quoting its error', async () => {
    const { copy, line } = broken(
      'packages/core/README.md',
      "clientSecret: 'sandbox_secret'",
      "clientSecret: 'not_the_secret'",
    );
    const report = await checkReadme({
      readme: copy,
      prelude: join(preludeDir, 'core.d.ts'),
      modes: [],
    });
    expect(report.failures).toHaveLength(1);
    const [failure] = report.failures;
    expect(failure).toMatchObject({ readme: copy, stage: 'run', block: { index: 1 } });
    expect(failure?.line).toBeLessThan(line);
    // The block reached the sandbox it was given, which refused the secret.
    expect(failure?.message).toContain('exited with 1');
    expect(failure?.message).toContain('invalid_client');
  });

  it('refuses a prelude that declares a name the packages export, or one no block uses', async () => {
    const prelude = join(dir, 'prelude.d.ts');
    writeFileSync(
      prelude,
      `${readFileSync(join(preludeDir, 'none.d.ts'), 'utf8')}
declare const MakiniClient: unknown;
declare const unusedName: string;
`,
    );
    const report = await checkReadme({ readme: 'packages/sandbox/README.md', prelude, run: false });
    expect(report.failures.map((failure) => [failure.stage, failure.message])).toEqual([
      ['prelude', expect.stringMatching(/declares MakiniClient, which @makini-kit\/core exports/)],
      ['prelude', expect.stringMatching(/declares unusedName, which no block .* uses/)],
    ]);
  });

  it('refuses a flag it does not know, rather than skip what it asks for', async () => {
    const { copy } = broken('packages/sandbox/README.md', '```ts runnable', '```ts runable');
    const report = await checkReadme({
      readme: copy,
      prelude: join(preludeDir, 'none.d.ts'),
      run: false,
    });
    expect(report.failures).toMatchObject([
      { stage: 'extract', message: /unknown flag "runable"/ },
    ]);
  });
});
