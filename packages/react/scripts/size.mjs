// Size budgets, measured as a browser would get the code: bundled from the built package with
// esbuild, minified, gzipped, React external. `--check` fails when a budget is exceeded.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const KB = 1024;
const REACT = ['react', 'react-dom', 'react/jsx-runtime'];
const CORE_EXTERNAL = [...REACT, '@makini-kit/core'];

/** Every widget and hook of the package; a name the entry does not export yet is reported. */
const WIDGETS = [
  'ConnectionStatus',
  'ReconnectButton',
  'ReconnectPage',
  'ConnectionList',
  'SyncStatus',
  'MakiniProvider',
  'LinkCallback',
  'useConnectionHealth',
  'useReconnect',
  'useConnect',
  'useMessages',
];
/** What a browser page takes from core beside the widgets. */
const CORE_FOR_PAGES = "export { createRemoteHealthSource } from '@makini-kit/core';";

async function bundle(code, external) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const output = Object.values(result.metafile.outputs)[0];
  return { bytes: gzipSync(result.outputFiles[0].contents, { level: 9 }).length, output };
}

const entry = await bundle("export * from '@makini-kit/react';", CORE_EXTERNAL);
const exported = new Set(entry.output.exports);
const present = WIDGETS.filter((name) => exported.has(name));
const missing = WIDGETS.filter((name) => !exported.has(name));
const widgets = `export { ${present.join(', ')} } from '@makini-kit/react';`;
const statusOnly = "export { ConnectionStatus, MakiniProvider } from '@makini-kit/react';";

const budgets = [
  {
    name: 'all widgets and hooks (core external)',
    code: widgets,
    external: CORE_EXTERNAL,
    // The browser Link flow (popup, callback, confirmation) is core's, as any framework runs it:
    // it counts in the next line, with everything else the widgets take from core.
    limit: 8 * KB,
  },
  {
    name: 'all widgets and hooks + what they pull from core',
    code: `${widgets}\n${CORE_FOR_PAGES}`,
    external: REACT,
    limit: 15 * KB,
  },
  {
    name: 'a page with only ConnectionStatus + MakiniProvider (core external)',
    code: statusOnly,
    external: CORE_EXTERNAL,
    limit: 3 * KB,
  },
  {
    name: 'a page with only ConnectionStatus + MakiniProvider + what it pulls from core',
    code: `${statusOnly}\n${CORE_FOR_PAGES}`,
    external: REACT,
    limit: 5 * KB,
  },
  {
    name: 'one more language (de, with plural)',
    code: "export { de } from '@makini-kit/react/locales';",
    external: CORE_EXTERNAL,
    limit: 2 * KB,
  },
];

const rows = [];
for (const budget of budgets) {
  const { bytes } = await bundle(budget.code, budget.external);
  rows.push({ name: budget.name, bytes, limit: budget.limit });
}
const css = gzipSync(readFileSync(new URL('../src/styles.css', import.meta.url)), {
  level: 9,
}).length;
rows.push({ name: 'styles.css', bytes: css, limit: 4 * KB });

/** The `data-makini` value each other widget renders: found in a bundle, its code is in there. */
const OTHER_WIDGETS = {
  ReconnectButton: 'reconnect-button',
  ReconnectPage: 'reconnect-page',
  ConnectionList: 'connection-list',
  SyncStatus: 'sync-status',
  LinkCallback: 'link-callback',
};
const statusPage = await build({
  stdin: { contents: statusOnly, resolveDir: root, loader: 'js' },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  external: CORE_EXTERNAL,
  logLevel: 'silent',
});
const statusCode = statusPage.outputFiles[0].text;
const carried = Object.entries(OTHER_WIDGETS)
  .filter(([, marker]) => statusCode.includes(`"${marker}"`))
  .map(([name]) => name);

let failed = carried.length > 0;
if (carried.length > 0)
  console.log(
    `✗ a page with only ConnectionStatus also carries ${carried.join(', ')}: a module-level call ` +
      '(forwardRef, memo, …) without /* @__PURE__ */ keeps a widget in every bundle',
  );
for (const row of rows) {
  const over = row.bytes > row.limit;
  failed ||= over;
  console.log(
    `${over ? '✗' : '✓'} ${row.name}: ${(row.bytes / KB).toFixed(2)} KB gzipped, ${row.bytes} B (budget ${row.limit / KB} KB)`,
  );
}
// What each widget costs alone (core external), to see where the bytes go.
for (const name of present) {
  const { bytes } = await bundle(`export { ${name} } from '@makini-kit/react';`, CORE_EXTERNAL);
  console.log(`  ${name} alone: ${(bytes / KB).toFixed(2)} KB`);
}
// A widget still to come is measured from the moment the entry exports it.
for (const name of missing)
  console.log(`! ${name}: not exported by @makini-kit/react yet, not measured`);
if (failed && process.argv.includes('--check')) {
  console.error('A size budget is exceeded.');
  process.exit(1);
}
