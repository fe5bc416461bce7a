import { describe, expect, it } from 'vitest';
import { extractBlocks } from './extractBlocks.js';

const fence = '```';

describe('extractBlocks', () => {
  it('takes ts and tsx blocks with their lines and flags, and leaves the rest', () => {
    const markdown = [
      '# Title', // 1
      `${fence}sh`, // 2
      'npm i', // 3
      fence, // 4
      `${fence}ts runnable`, // 5
      'const a = 1;', // 6
      fence, // 7
      '- a list item:', // 8
      '', // 9
      `  ${fence}tsx`, // 10
      '  <div />;', // 11
      `  ${fence}`, // 12
      `${fence}`, // 13
      'plain text', // 14
      fence, // 15
    ].join('\n');
    const blocks = extractBlocks(markdown);
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatchObject({ fenceLine: 5, firstLine: 6, index: 1, language: 'ts' });
    expect([...(blocks[0]?.flags ?? [])]).toEqual(['runnable']);
    expect(blocks[0]?.code).toBe('const a = 1;\n');
    expect(blocks[1]).toMatchObject({ fenceLine: 10, firstLine: 11, language: 'tsx' });
    expect(blocks[1]?.code).toBe('<div />;\n');
  });

  it('keeps a longer fence open past a shorter one inside it', () => {
    const blocks = extractBlocks(['````ts', 'const s = `', '```', '`;', '````'].join('\n'));
    expect(blocks[0]?.code).toBe('const s = `\n```\n`;\n');
  });

  it('refuses an unclosed block and an unknown flag', () => {
    expect(() => extractBlocks(`${fence}ts\nconst a = 1;\n`)).toThrow(/line 1 is never closed/);
    expect(() => extractBlocks(`${fence}ts runable\n${fence}\n`)).toThrow(/unknown flag "runable"/);
  });
});
