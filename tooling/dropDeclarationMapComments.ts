import type { Rolldown } from 'tsdown';

/** A declaration file's name: `.d.ts`, `.d.cts` or `.d.mts`. */
const DECLARATION = /\.d\.[cm]?ts$/;

/** The comment rolldown appends to every chunk when `sourcemap` is on, declarations included. */
const MAP_COMMENT = /\n\/\/# sourceMappingURL=[^\n]*\.d\.[cm]?ts\.map\s*$/;

/**
 * Takes the `//# sourceMappingURL=….d.ts.map` comment off declaration files, and leaves the
 * JavaScript's maps as they are.
 *
 * With `sourcemap: true`, rolldown appends the comment to every chunk, while rolldown-plugin-dts
 * drops the declaration maps themselves (unless `dts.sourcemap` asks for them). Emitting them
 * instead would not help a consumer: a declaration map points at `src/*.ts`, which the tarballs
 * leave out, and carries no `sourcesContent` to fall back on, so "go to definition" would end on a
 * missing file. The JavaScript maps do embed their sources and stay.
 *
 * @example
 * export default defineConfig({ dts: true, sourcemap: true, plugins: [dropDeclarationMapComments()] });
 */
export function dropDeclarationMapComments(): Rolldown.Plugin {
  return {
    name: 'makini-kit:drop-declaration-map-comments',
    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type === 'chunk' && DECLARATION.test(output.fileName)) {
          output.code = output.code.replace(MAP_COMMENT, '\n');
        }
      }
    },
  };
}
