import { join, resolve } from 'node:path';
import { checkReadme } from './checkReadme.js';
import { formatFailures } from './Failure.js';
import { preludeDir, READMES, repoRoot } from './readmes.js';

/**
 * `pnpm --filter @makini-kit/readme-tests check [README …] [--prelude FILE] [--no-run]`: checks the
 * given READMEs (default: every one in READMES, each with its prelude), prints each failure with
 * its README line, and exits with 1 when there is one.
 */
const args = process.argv.slice(2);
const run = !args.includes('--no-run');
// Paths as typed where the command was started (pnpm runs scripts in the package's directory).
const cwd = process.env.INIT_CWD ?? process.cwd();
const preludeAt = args.indexOf('--prelude');
const preludeArg = preludeAt >= 0 ? args[preludeAt + 1] : undefined;
const paths = args
  .filter((arg, i) => !arg.startsWith('--') && (preludeAt < 0 || i !== preludeAt + 1))
  .map((arg) => resolve(cwd, arg));

function preludeOf(path: string): string {
  if (preludeArg) return resolve(cwd, preludeArg);
  const entry = READMES.find((candidate) => resolve(repoRoot, candidate.path) === path);
  if (!entry) throw new Error(`${path} is not in READMES: pass --prelude FILE.`);
  return join(preludeDir, entry.prelude);
}

const targets = paths.length
  ? paths.map((path) => ({ path, prelude: preludeOf(path) }))
  : READMES.map((entry) => ({ path: entry.path, prelude: join(preludeDir, entry.prelude) }));

let failed = 0;
for (const target of targets) {
  const started = performance.now();
  const report = await checkReadme({ readme: target.path, prelude: target.prelude, run });
  const ms = Math.round(performance.now() - started);
  console.log(
    `${report.readme}: ${report.blocks.length} blocks, ${report.failures.length} failures (${ms} ms)`,
  );
  if (report.failures.length) console.log(formatFailures(report.failures));
  failed += report.failures.length;
}
process.exitCode = failed ? 1 : 0;
