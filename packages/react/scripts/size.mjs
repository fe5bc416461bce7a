// Size budgets, measured as a browser would get the code: bundled from the built package with
// esbuild, minified, gzipped, React external. `--check` fails when a budget is exceeded.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const budgets = [
  {
    name: 'ConnectionStatus + ReconnectButton (core external)',
    code: "export { ConnectionStatus, ReconnectButton, MakiniProvider, LinkCallback } from '@makini-kit/react';",
    external: ['react', 'react-dom', 'react/jsx-runtime', '@makini-kit/core'],
    limit: 6 * 1024,
  },
  {
    name: 'both components + what they pull from core (health source, Link helpers)',
    code:
      "export { ConnectionStatus, ReconnectButton, MakiniProvider, LinkCallback } from '@makini-kit/react';\n" +
      "export { createRemoteHealthSource } from '@makini-kit/core';",
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    limit: 15 * 1024,
  },
];

const rows = [];
for (const budget of budgets) {
  const result = await build({
    stdin: { contents: budget.code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    external: budget.external,
    logLevel: 'silent',
  });
  const bytes = gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
  rows.push({ name: budget.name, bytes, limit: budget.limit });
}
const css = gzipSync(readFileSync(new URL('../src/styles.css', import.meta.url)), {
  level: 9,
}).length;
rows.push({ name: 'styles.css', bytes: css, limit: 3 * 1024 });

let failed = false;
for (const row of rows) {
  const over = row.bytes > row.limit;
  failed ||= over;
  console.log(
    `${over ? '✗' : '✓'} ${row.name}: ${(row.bytes / 1024).toFixed(2)} KB gzipped (budget ${(row.limit / 1024).toFixed(0)} KB)`,
  );
}
if (failed && process.argv.includes('--check')) {
  console.error('A size budget is exceeded.');
  process.exit(1);
}
