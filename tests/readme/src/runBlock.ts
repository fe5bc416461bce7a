import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import ts from 'typescript';
import type { CodeBlock } from './extractBlocks.js';
import type { Failure } from './Failure.js';

/** Longest a runnable block may take: it must end by itself (close what it starts). */
export const RUN_TIMEOUT_MS = 60_000;

const require = createRequire(import.meta.url);

/** What a runnable block is handed, besides this process's environment. */
export interface RunEnvironment {
  /** The sandbox the block talks to, as `MAKINI_URL`. */
  makiniUrl: string;
}

/**
 * Runs one block as a user would run the file: a block that imports `vitest` as a Vitest suite,
 * any other as a Node ES module (type annotations removed, nothing else changed), in its own
 * process with `MAKINI_URL` pointing at the sandbox. The block's directory lies in this package,
 * so its imports resolve through `node_modules` to the built packages, without the monorepo's
 * source condition. Passes when the process exits with 0 in time; else the failure quotes its
 * output.
 */
export async function runBlock(
  readme: string,
  block: CodeBlock,
  fileName: string,
  env: RunEnvironment,
): Promise<Failure | undefined> {
  const isSuite = /from ['"]vitest['"]/.test(block.code);
  let args: string[];
  if (isSuite) {
    const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
    // A config of the block's own: Vitest would otherwise find this package's, which includes
    // only src/.
    const config = join(dirname(fileName), 'vitest.config.mjs');
    writeFileSync(config, `export default { test: { include: ['${basename(fileName)}'] } };\n`);
    args = [vitest, 'run', '--root', dirname(fileName), '--config', config];
  } else {
    const output = fileName.replace(/\.tsx?$/, '.mjs');
    const { outputText } = ts.transpileModule(block.code, {
      fileName,
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
        jsx: ts.JsxEmit.ReactJSX,
      },
    });
    writeFileSync(output, outputText);
    args = [output];
  }
  const { code, output, timedOut } = await run(args, dirname(fileName), {
    ...userEnvironment(),
    MAKINI_URL: env.makiniUrl,
    NO_COLOR: '1',
  });
  if (code === 0 && !timedOut) return undefined;
  const why = timedOut ? `did not end within ${RUN_TIMEOUT_MS} ms` : `exited with ${code}`;
  return {
    readme,
    stage: 'run',
    block,
    line: block.firstLine,
    message: `the block ${why}:\n${indent(output.trim().split('\n').slice(-30).join('\n'))}`,
  };
}

/**
 * This process's environment without what a test runner set for itself (a block run from inside
 * Vitest must not look like one of its workers).
 */
function userEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(VITEST|TEST$|NODE_ENV$|FORCE_COLOR$|NODE_OPTIONS$)/.test(name),
    ),
  );
}

function indent(text: string): string {
  return text.replace(/^/gm, '    ');
}

function run(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, timedOut });
    });
  });
}
