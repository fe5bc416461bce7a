import { type IncomingHttpHeaders, request } from 'node:http';

/** What a raw request got back. */
export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

/**
 * A raw HTTP request: unlike fetch, it sends exactly these headers (a foreign Host, no content type,
 * any Origin), as an attacker's client or a rebound browser would.
 */
export function rawRequest(
  base: string,
  input: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: string | undefined;
  },
): Promise<RawResponse> {
  const url = new URL(input.path, base);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: `${url.pathname}${url.search}`,
        method: input.method ?? 'GET',
        headers: {
          ...input.headers,
          ...(input.body === undefined ? {} : { 'content-length': Buffer.byteLength(input.body) }),
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(input.body);
  });
}
