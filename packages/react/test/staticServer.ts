import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { listenOnLoopback } from '@makini-kit/test-utils';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
  '.png': 'image/png',
};

/** The file a static host serves for `path`: itself, its folder's index.html, or `path.html`. */
function fileFor(root: string, path: string): string | undefined {
  const base = join(root, normalize(decodeURIComponent(path)).replace(/^(\.\.[/\\])+/, ''));
  if (!base.startsWith(root)) return undefined;
  for (const candidate of [base, join(base, 'index.html'), `${base}.html`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Serves a folder (a `storybook build` output) on a free loopback port, as a static host would. */
export async function serveStatic(root: string) {
  const server = createServer((request, response) => {
    const file = fileFor(root, new URL(request.url ?? '/', 'http://localhost').pathname);
    if (!file) return void response.writeHead(404).end('not found');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    });
    createReadStream(file).pipe(response);
  });
  return listenOnLoopback(server);
}
