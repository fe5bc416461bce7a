import type { ServerResponse } from 'node:http';

/** What a route answers; the server writes it, adds the request id and logs it. */
export type Reply =
  | { status: number; json: unknown; headers?: Record<string, string> }
  /** A body that is JSON text already (assembled from cached records). */
  | { status: number; rawJson: string; headers?: Record<string, string> }
  | { status: number; html: string; headers?: Record<string, string> }
  | { status: 302 | 303; location: string; headers?: Record<string, string> };

export const json = (json: unknown, status = 200, headers?: Record<string, string>): Reply => ({
  status,
  json,
  ...(headers ? { headers } : {}),
});

/** Writes a reply; `extraHeaders` (request id, rate-limit state) go on every response. */
export function writeReply(
  response: ServerResponse,
  reply: Reply,
  extraHeaders: Record<string, string>,
) {
  const headers: Record<string, string> = { ...extraHeaders, ...reply.headers };
  let body = '';
  if ('json' in reply || 'rawJson' in reply) {
    body = 'rawJson' in reply ? reply.rawJson : JSON.stringify(reply.json);
    headers['content-type'] = 'application/json; charset=utf-8';
  } else if ('html' in reply) {
    body = reply.html;
    headers['content-type'] = 'text/html; charset=utf-8';
    headers['content-security-policy'] =
      "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
    headers['x-frame-options'] = 'DENY';
  } else {
    headers.location = reply.location;
  }
  headers['cache-control'] = 'no-store';
  headers['content-length'] = String(Buffer.byteLength(body));
  response.writeHead(reply.status, headers);
  response.end(response.req.method === 'HEAD' ? undefined : body);
}
