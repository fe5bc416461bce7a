import ts from 'typescript';

/** How a consumer's project resolves the packages: Node's own ESM rules, or a bundler's. */
export type ResolutionMode = 'nodenext' | 'bundler';
export const RESOLUTION_MODES: readonly ResolutionMode[] = ['nodenext', 'bundler'];

/** Where a block runs: Node (with `@types/node`, no DOM) or a browser (DOM, no Node types). */
export type Runtime = 'node' | 'browser';

/**
 * The compiler options a strict consumer project would have. No `customConditions`: the packages
 * resolve through their `exports` to `dist/`, as they do once installed, never to the monorepo's
 * `@makini-kit/source` condition. `skipLibCheck` is off, so the packages' declaration files are
 * checked as well. `verbatimModuleSyntax` is on, as in Vite's templates, so a type imported without
 * `type` fails here as it would there.
 */
export function compilerOptions(mode: ResolutionMode, runtime: Runtime): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    target: ts.ScriptTarget.ES2022,
    moduleDetection: ts.ModuleDetectionKind.Force,
    verbatimModuleSyntax: true,
    isolatedModules: true,
    jsx: ts.JsxEmit.ReactJSX,
    ...(mode === 'nodenext'
      ? { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }
      : { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }),
    ...(runtime === 'node'
      ? { lib: ['lib.es2023.d.ts'], types: ['node'] }
      : { lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'], types: [] }),
  };
}
