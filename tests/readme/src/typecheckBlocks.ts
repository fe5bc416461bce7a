import ts from 'typescript';
import { cachingHost } from './cachingHost.js';
import { compilerOptions, type ResolutionMode, type Runtime } from './compilerSettings.js';
import type { CodeBlock } from './extractBlocks.js';
import type { Failure } from './Failure.js';

/** A block written out as a module of the temporary project. */
export interface BlockFile {
  block: CodeBlock;
  fileName: string;
  runtime: Runtime;
}

/**
 * Type-checks a README's blocks in one resolution mode: one program per runtime (Node blocks and
 * browser blocks see different globals), each with the README's prelude. Every diagnostic becomes a
 * failure on the README line it points at; one in a library file (a package's `.d.ts`) is reported
 * with that file's path, since a consumer would see it too.
 */
export function typecheckBlocks(
  readme: string,
  files: readonly BlockFile[],
  preludeFile: string,
  mode: ResolutionMode,
): Failure[] {
  const failures: Failure[] = [];
  for (const runtime of ['node', 'browser'] as const) {
    const group = files.filter((file) => file.runtime === runtime);
    if (group.length === 0) continue;
    const options = compilerOptions(mode, runtime);
    const program = ts.createProgram({
      rootNames: [preludeFile, ...group.map((file) => file.fileName)],
      options,
      host: cachingHost(options),
    });
    for (const diagnostic of diagnosticsOf(program, group)) {
      failures.push(toFailure(readme, diagnostic, group, mode, runtime));
    }
  }
  return failures;
}

/**
 * The blocks' diagnostics, and those of the kit's own declaration files they load (a consumer with
 * `skipLibCheck: false` sees those too). Other libraries (`@types/node`, zod, React) are not checked
 * in full: their errors are not the READMEs' to fix, and checking them would cost most of the run.
 */
function diagnosticsOf(program: ts.Program, group: readonly BlockFile[]): ts.Diagnostic[] {
  const kit = program
    .getSourceFiles()
    .filter((file) => /\/packages\/[\w-]+\/dist\//.test(file.fileName));
  return [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...[...group.map((file) => program.getSourceFile(file.fileName)), ...kit].flatMap((file) =>
      file
        ? [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]
        : [],
    ),
  ];
}

function toFailure(
  readme: string,
  diagnostic: ts.Diagnostic,
  files: readonly BlockFile[],
  mode: ResolutionMode,
  runtime: Runtime,
): Failure {
  const text = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
  const file = diagnostic.file;
  const owner = file && files.find((candidate) => candidate.fileName === file.fileName);
  if (file && owner && diagnostic.start !== undefined) {
    const { line } = file.getLineAndCharacterOfPosition(diagnostic.start);
    const source = owner.block.code.split('\n')[line]?.trim() ?? '';
    return {
      readme,
      stage: mode,
      block: owner.block,
      line: owner.block.firstLine + line,
      message: `${text}\n    ${source}`,
    };
  }
  const where = file
    ? `${file.fileName}:${file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
    : 'the compiler options';
  return { readme, stage: mode, message: `${text} (in ${where}, ${runtime} blocks)` };
}
