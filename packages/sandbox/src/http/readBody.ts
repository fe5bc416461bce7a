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

/**
 * The deepest a JSON body may nest objects and lists. Makini's records nest three levels at most
 * (an order, its lines, a line's address); a bound keeps a hostile body from overflowing the stack
 * of every `JSON.stringify` that later serializes what was stored (replies, webhooks, state file).
 */
export const MAX_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** How deep a JSON text nests, counting brackets outside strings (one pass, no recursion). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === BACKSLASH) index++;
      else if (code === QUOTE) inString = false;
    } else if (code === QUOTE) inString = true;
    else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > MAX_JSON_DEPTH) return deepest;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) depth--;
  }
  return deepest;
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
  const text = body.toString('utf8');
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new ApiError(
      400,
      'VALIDATION_ERROR',
      `The request body nests objects and lists more than ${MAX_JSON_DEPTH} levels deep; no Makini record needs more than a few.`,
    );
  }
  try {
    return JSON.parse(text);
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
