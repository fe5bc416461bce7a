/** The languages whose blocks are type-checked. */
const CHECKED = new Set(['ts', 'typescript', 'tsx']);

/** Words after the language that change how a block is checked. */
export const BLOCK_FLAGS = ['runnable', 'skip-check', 'browser'] as const;
export type BlockFlag = (typeof BLOCK_FLAGS)[number];

/** One fenced TypeScript or TSX block of a README. */
export interface CodeBlock {
  /** 1-based line of the opening fence. */
  fenceLine: number;
  /** 1-based README line of the block's first code line. */
  firstLine: number;
  /** Index among the README's checked blocks, from 1. */
  index: number;
  language: 'ts' | 'tsx';
  flags: ReadonlySet<BlockFlag>;
  code: string;
}

const FENCE = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)\s*(.*)$/;

/**
 * The ```ts and ```tsx blocks of a Markdown text, with their positions, so that an error found in
 * a block can name the README line. Blocks inside list items are unindented by their fence's
 * indentation. An unknown word after the language is refused rather than ignored, so a misspelled
 * `runable` cannot quietly turn a runnable example into one that is only type-checked.
 */
export function extractBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = FENCE.exec(lines[i] ?? '');
    if (!open) continue;
    const [, indent = '', fence = '', info = '', rest = ''] = open;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const line = lines[j] ?? '';
      if (line.trim().startsWith(fence) && line.trim().replaceAll(fence[0] ?? '`', '') === '')
        break;
      body.push(line.startsWith(indent) ? line.slice(indent.length) : line.trimStart());
    }
    if (j === lines.length)
      throw new Error(`The code block opened on line ${i + 1} is never closed.`);
    const language = info.toLowerCase();
    if (CHECKED.has(language)) {
      const words = rest.split(/\s+/).filter(Boolean);
      const unknown = words.filter((word) => !(BLOCK_FLAGS as readonly string[]).includes(word));
      if (unknown.length > 0) {
        throw new Error(
          `The code block on line ${i + 1} has an unknown flag "${unknown.join(' ')}" (known: ${BLOCK_FLAGS.join(', ')}).`,
        );
      }
      blocks.push({
        fenceLine: i + 1,
        firstLine: i + 2,
        index: blocks.length + 1,
        language: language === 'tsx' ? 'tsx' : 'ts',
        flags: new Set(words as BlockFlag[]),
        code: `${body.join('\n')}\n`,
      });
    }
    i = j;
  }
  return blocks;
}
