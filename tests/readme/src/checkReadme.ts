import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox } from '@makini-kit/sandbox';
import { checkPrelude } from './checkPrelude.js';
import { RESOLUTION_MODES, type ResolutionMode } from './compilerSettings.js';
import { type CodeBlock, extractBlocks } from './extractBlocks.js';
import type { Failure } from './Failure.js';
import { repoRoot } from './readmes.js';
import { runBlock } from './runBlock.js';
import { type BlockFile, typecheckBlocks } from './typecheckBlocks.js';

/** Inside this package, so that the blocks resolve the packages through its `node_modules`. */
const blocksRoot = fileURLToPath(new URL('../.blocks/', import.meta.url));

export interface CheckReadmeOptions {
  /** The README, absolute or relative to the repository root. */
  readme: string;
  /** Its prelude, absolute. */
  prelude: string;
  /** @default both */
  modes?: readonly ResolutionMode[];
  /** Run the runnable blocks. @default true */
  run?: boolean;
}

/** The outcome for one README: its checked blocks and every failure found. */
export interface ReadmeReport {
  readme: string;
  blocks: CodeBlock[];
  failures: Failure[];
}

/**
 * Checks one README as a user would meet it: each ```ts / ```tsx block becomes a module of a
 * temporary project that depends on the built packages, is type-checked under each resolution
 * mode, and, when marked `runnable`, runs against a sandbox of its own on a free port. Blocks
 * marked `skip-check` are left out. The temporary files are removed afterwards (set
 * `KEEP_README_BLOCKS=1` to keep them for a look).
 */
export async function checkReadme(options: CheckReadmeOptions): Promise<ReadmeReport> {
  const path = isAbsolute(options.readme) ? options.readme : resolve(repoRoot, options.readme);
  const readme = path.startsWith(repoRoot) ? relative(repoRoot, path) : path;
  let blocks: CodeBlock[];
  try {
    blocks = extractBlocks(readFileSync(path, 'utf8'));
  } catch (error) {
    return { readme, blocks: [], failures: [{ readme, stage: 'extract', message: String(error) }] };
  }

  mkdirSync(blocksRoot, { recursive: true });
  const workDir = mkdtempSync(join(blocksRoot, `${readme.replace(/[^\w]+/g, '-')}-`));
  try {
    const checked = blocks.filter((block) => !block.flags.has('skip-check'));
    const files: BlockFile[] = checked.map((block) => {
      const suite = /from ['"]vitest['"]/.test(block.code);
      const fileName = join(
        workDir,
        `block${block.index}-line${block.firstLine}${suite ? '.test' : ''}.${block.language}`,
      );
      writeFileSync(fileName, block.code);
      const browser = block.language === 'tsx' || block.flags.has('browser');
      return { block, fileName, runtime: browser ? 'browser' : 'node' };
    });

    const failures = checkPrelude(
      readme,
      options.prelude,
      readFileSync(options.prelude, 'utf8'),
      checked,
      workDir,
    );
    for (const mode of options.modes ?? RESOLUTION_MODES) {
      failures.push(...typecheckBlocks(readme, files, options.prelude, mode));
    }
    if (options.run ?? true) {
      for (const file of files.filter(({ block }) => block.flags.has('runnable'))) {
        const sandbox = await startSandbox({ port: 0 });
        try {
          const failure = await runBlock(readme, file.block, file.fileName, {
            makiniUrl: sandbox.url,
          });
          if (failure) failures.push(failure);
        } finally {
          await sandbox.close();
        }
      }
    }
    failures.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { readme, blocks, failures };
  } finally {
    if (!process.env.KEEP_README_BLOCKS) rmSync(workDir, { recursive: true, force: true });
  }
}
