import ts from 'typescript';

const shared = new Map<string, ts.SourceFile>();

/**
 * A compiler host that parses each library file (`lib.*.d.ts`, anything under `node_modules`)
 * once per process: every README is checked in several programs (two resolution modes, Node and
 * browser), and parsing `@types/node`, zod and React again for each would cost most of the run.
 * The README's own files are read fresh every time.
 */
export function cachingHost(options: ts.CompilerOptions): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
    const isLibrary = fileName.includes('/node_modules/') || /\/lib\.[\w.]*\.d\.ts$/.test(fileName);
    if (!isLibrary) return getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
    const settings =
      typeof languageVersionOrOptions === 'object'
        ? `${languageVersionOrOptions.languageVersion}:${languageVersionOrOptions.impliedNodeFormat}`
        : String(languageVersionOrOptions);
    const key = `${settings}:${fileName}`;
    let file = shared.get(key);
    if (!file) {
      file = getSourceFile(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (file) shared.set(key, file);
    }
    return file;
  };
  return host;
}
