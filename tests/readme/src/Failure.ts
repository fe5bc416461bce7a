import type { CodeBlock } from './extractBlocks.js';

/** What found the problem. */
export type Stage = 'extract' | 'prelude' | 'nodenext' | 'bundler' | 'run';

/** One problem in a README: where, found by what, and the compiler's or the process's words. */
export interface Failure {
  /** The README, relative to the repository root (or as given). */
  readme: string;
  stage: Stage;
  block?: CodeBlock;
  /** The README line the problem is on, when known. */
  line?: number;
  message: string;
}

/** `packages/core/README.md:42 (block 3, nodenext): TS2353 …`, one line per failure. */
export function formatFailure(failure: Failure): string {
  const where = `${failure.readme}${failure.line ? `:${failure.line}` : ''}`;
  const what = [failure.block ? `block ${failure.block.index}` : undefined, failure.stage]
    .filter(Boolean)
    .join(', ');
  return `${where} (${what}): ${failure.message}`;
}

export function formatFailures(failures: readonly Failure[]): string {
  return failures.map(formatFailure).join('\n');
}
