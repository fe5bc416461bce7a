const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTETS = new Int16Array(256).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) SEXTETS[ALPHABET.charCodeAt(index)] = index;
const PAD = 61; // '='

/**
 * Small results are views into a shared ArrayBuffer, as Node's Buffer pool does: V8 keeps a small
 * `new Uint8Array(n)` inside the JS heap, and the first native call that reads it (node:crypto's
 * `timingSafeEqual`) must move it out, which costs more than the HMAC comparison itself.
 */
const POOL_SIZE = 8192;
const MAX_POOLED = 256;
let pool = new ArrayBuffer(POOL_SIZE);
let poolOffset = 0;

function allocate(size: number): Uint8Array {
  if (size > MAX_POOLED) return new Uint8Array(new ArrayBuffer(size));
  if (poolOffset + size > POOL_SIZE) {
    pool = new ArrayBuffer(POOL_SIZE);
    poolOffset = 0;
  }
  const bytes = new Uint8Array(pool, poolOffset, size);
  poolOffset += (size + 7) & ~7;
  return bytes;
}

/** The 6-bit value of the character at `index`, or -1 outside the alphabet. */
function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 256 ? (SEXTETS[code] as number) : -1;
}

/**
 * Decodes strict, padded standard base64 in `text` from `from` to `to`, or returns `undefined` for
 * anything else. Written out rather than `Buffer.from(text, 'base64')`, which accepts any text and
 * so needed a regular expression besides: this validates and decodes in one pass, reads a
 * signature in place inside its header, and runs where there is no Buffer.
 */
export function decodeBase64(text: string, from = 0, to = text.length): Uint8Array | undefined {
  const length = to - from;
  if (length < 0 || length % 4 !== 0) return undefined;
  if (length === 0) return new Uint8Array(0);
  const padding = text.charCodeAt(to - 1) !== PAD ? 0 : text.charCodeAt(to - 2) !== PAD ? 1 : 2;
  const bytes = allocate((length / 4) * 3 - padding);
  const lastQuad = to - 4;
  let out = 0;
  let index = from;
  for (; index < lastQuad; index += 4) {
    // A -1 anywhere makes the whole value negative.
    const triple =
      (sextet(text, index) << 18) |
      (sextet(text, index + 1) << 12) |
      (sextet(text, index + 2) << 6) |
      sextet(text, index + 3);
    if (triple < 0) return undefined;
    bytes[out] = triple >> 16;
    bytes[out + 1] = triple >> 8;
    bytes[out + 2] = triple;
    out += 3;
  }
  const a = sextet(text, index);
  const b = sextet(text, index + 1);
  const c = padding === 2 ? 0 : sextet(text, index + 2);
  const d = padding > 0 ? 0 : sextet(text, index + 3);
  if ((a | b | c | d) < 0) return undefined;
  const triple = (a << 18) | (b << 12) | (c << 6) | d;
  bytes[out] = triple >> 16;
  if (padding < 2) bytes[out + 1] = triple >> 8;
  if (padding < 1) bytes[out + 2] = triple;
  return bytes;
}
