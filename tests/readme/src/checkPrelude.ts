import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { cachingHost } from './cachingHost.js';
import { compilerOptions } from './compilerSettings.js';
import type { CodeBlock } from './extractBlocks.js';
import type { Failure } from './Failure.js';

/** The packages a prelude must never stand in for. */
export const PACKAGES = [
  '@makini-kit/core',
  '@makini-kit/react',
  '@makini-kit/webhook-node',
  '@makini-kit/sandbox',
  '@makini-kit/redis',
] as const;

let exportNames: Map<string, string> | undefined;

/**
 * Every name the built packages export (values and types), with the package exporting it: read by
 * the compiler from their declaration files, as a consumer's editor would list them.
 */
export function packageExports(workDir: string): Map<string, string> {
  if (exportNames) return exportNames;
  const probe = join(workDir, 'exports-probe.ts');
  writeFileSync(
    probe,
    PACKAGES.map((name, i) => `import * as package${i} from '${name}';\n`).join(''),
  );
  const options = compilerOptions('nodenext', 'node');
  const program = ts.createProgram({ rootNames: [probe], options, host: cachingHost(options) });
  const checker = program.getTypeChecker();
  const names = new Map<string, string>();
  for (const statement of program.getSourceFile(probe)?.statements ?? []) {
    if (!ts.isImportDeclaration(statement)) continue;
    const specifier = statement.moduleSpecifier as ts.StringLiteral;
    const symbol = checker.getSymbolAtLocation(specifier);
    if (!symbol) throw new Error(`${specifier.text} does not resolve: build the packages first.`);
    for (const exported of checker.getExportsOfModule(symbol)) {
      names.set(exported.name, specifier.text);
    }
  }
  exportNames = names;
  return names;
}

/** The names a prelude declares at its top level. */
function declaredNames(prelude: ts.SourceFile): Array<{ name: string; line: number }> {
  const found: Array<{ name: string; line: number }> = [];
  const add = (node: ts.Node, name: string) =>
    found.push({ name, line: prelude.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  for (const statement of prelude.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) add(declaration, declaration.name.text);
      }
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement) ||
        ts.isModuleDeclaration(statement)) &&
      statement.name
    ) {
      add(statement, statement.name.text);
    }
  }
  return found;
}

/**
 * Keeps a prelude honest and minimal: it may declare the free names a README's blocks use (a
 * `redis` client, the request at hand), never a name one of the packages exports (the block must
 * import that, so the check sees the real type), never a declaration of a package's module, and
 * nothing that no block uses.
 */
export function checkPrelude(
  readme: string,
  preludeFile: string,
  preludeText: string,
  blocks: readonly CodeBlock[],
  workDir: string,
): Failure[] {
  const exports = packageExports(workDir);
  const source = ts.createSourceFile(preludeFile, preludeText, ts.ScriptTarget.ES2022, true);
  const failures: Failure[] = [];
  const fail = (message: string) => failures.push({ readme, stage: 'prelude', message });
  for (const { name, line } of declaredNames(source)) {
    const where = `${preludeFile}:${line}`;
    const owner = exports.get(name);
    if (PACKAGES.some((pkg) => name === pkg || name.startsWith(`${pkg}/`))) {
      fail(`${where} declares the module ${name}: the blocks must see its real declarations.`);
    } else if (owner) {
      fail(`${where} declares ${name}, which ${owner} exports: import it in the block instead.`);
    } else if (
      !name.includes('*') &&
      !blocks.some((block) => new RegExp(`\\b${name}\\b`).test(block.code))
    ) {
      fail(`${where} declares ${name}, which no block of ${readme} uses: remove it.`);
    }
  }
  return failures;
}
