import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR } from './generate.js';

interface Example {
  file: string;
  line: number;
  code: string;
}

/** Every `@example` of the generated sources: the JSDoc lines after the tag, up to the next tag. */
function examples(): Example[] {
  const found: Example[] = [];
  const files = readdirSync(GENERATED_DIR, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort();
  for (const name of files) {
    const lines = readFileSync(join(GENERATED_DIR, name), 'utf8').split('\n');
    lines.forEach((text, index) => {
      if (!/^\s*\* @example\s*$/.test(text)) return;
      const code: string[] = [];
      for (let at = index + 1; at < lines.length; at++) {
        const line = lines[at] as string;
        if (/^\s*\*\/|^\s*\* @/.test(line)) break;
        code.push(line.replace(/^\s*\* ?/, ''));
      }
      found.push({ file: name, line: index + 2, code: code.join('\n') });
    });
  }
  return found;
}

const CORE = join(GENERATED_DIR, '..', 'index.ts');

describe('generated @examples', () => {
  it('type-check against the core sources (one program for all)', () => {
    const all = examples();
    expect(all.length).toBeGreaterThan(100);
    const dir = mkdtempSync(join(GENERATED_DIR, '..', '..', '.examples-'));
    try {
      const file = join(dir, 'examples.ts');
      // Each example in a function of its own, so names and `await` are local to it.
      const header = [
        `import { FIELD_FORMATS, MakiniClient } from '${relative(dir, CORE).replaceAll('\\', '/')}';`,
        'declare const client: MakiniClient;',
        'declare const token: string;',
        'void FIELD_FORMATS;',
      ];
      const starts: Array<{ example: Example; line: number }> = [];
      const body: string[] = [];
      let line = header.length;
      all.forEach((example, index) => {
        body.push(`export async function example${index}() {`);
        starts.push({ example, line: line + 1 });
        body.push(example.code, '}');
        line += example.code.split('\n').length + 2;
      });
      writeFileSync(file, [...header, ...body].join('\n'));
      const program = ts.createProgram({
        rootNames: [file],
        options: {
          strict: true,
          noEmit: true,
          skipLibCheck: true,
          target: ts.ScriptTarget.ES2022,
          module: ts.ModuleKind.ESNext,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
          allowImportingTsExtensions: true,
          lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
          types: [],
        },
      });
      const source = program.getSourceFile(file);
      const failures = [
        ...program.getSyntacticDiagnostics(source),
        ...program.getSemanticDiagnostics(source),
      ].map((diagnostic) => {
        const at = source?.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line ?? 0;
        const owner = [...starts].reverse().find((start) => start.line <= at);
        const where = owner
          ? `${owner.example.file}:${owner.example.line + at - owner.line}`
          : `examples.ts:${at + 1}`;
        return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
      });
      expect(failures).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
