import type { IncomingMessage } from 'node:http';
import { ApiError } from './ApiError.js';

/** Reads a request body up to `limit` bytes; larger bodies are refused with 413 as soon as they pass it. */
export function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) {
    request.resume();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const tooLarge = (limit: number) =>
  new ApiError(413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${limit} bytes.`);

/**
 * True for exactly the `application/json` media type (any case, any parameters such as a charset).
 * `text/plain; x=json` is not JSON: it is what a cross-site page sends to dodge a CORS preflight.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/** Parses a JSON body sent as `application/json`, or answers 415 / 400 saying what is wrong with it. */
export function parseJsonBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return undefined;
  if (!isJsonContentType(contentType)) {
    throw new ApiError(
      415,
      'VALIDATION_ERROR',
      `Send the body as JSON with content-type: application/json (got ${contentType ?? 'none'}).`,
      { fields: { 'content-type': ['must be application/json'] } },
    );
  }
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (cause) {
    throw new ApiError(
      400,
      'VALIDATION_ERROR',
      `The request body is not valid JSON: ${(cause as Error).message}`,
    );
  }
}

/** Parses an `application/x-www-form-urlencoded` body. */
export function parseFormBody(body: Buffer, contentType: string | undefined): URLSearchParams {
  if (!contentType || !/application\/x-www-form-urlencoded/i.test(contentType)) {
    throw new ApiError(
      400,
      'VALIDATION_ERROR',
      'Send the body form-encoded with content-type: application/x-www-form-urlencoded.',
    );
  }
  return new URLSearchParams(body.toString('utf8'));
}
