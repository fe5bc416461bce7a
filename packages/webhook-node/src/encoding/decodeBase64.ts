const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const SEXTETS = new Int16Array(256).fill(-1);
for (let index = 0; index < ALPHABET.length; index++) SEXTETS[ALPHABET.charCodeAt(index)] = index;
const PAD = 61; // '='

/** The 6-bit value of the character at `index`, or -1 outside the alphabet. */
function sextet(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code < 256 ? (SEXTETS[code] as number) : -1;
}

/** How many bytes strict, padded base64 in `text` from `from` to `to` holds, or -1 if malformed. */
export function decodedLength(text: string, from = 0, to = text.length): number {
  const length = to - from;
  if (length < 0 || length % 4 !== 0) return -1;
  if (length === 0) return 0;
  const padding = text.charCodeAt(to - 1) !== PAD ? 0 : text.charCodeAt(to - 2) !== PAD ? 1 : 2;
  return (length / 4) * 3 - padding;
}

/**
 * Decodes strict, padded, canonical standard base64 in `text` from `from` to `to` into `target`,
 * which must be {@link decodedLength} long; false (and `target` partly written) for anything that
 * is not canonical base64. Written out rather than `Buffer.from(text, 'base64')`, which accepts any
 * text and so needed a regular expression besides: this validates and decodes in one pass, reads a
 * signature in place inside its header, allocates nothing, and runs where there is no Buffer.
 */
export function decodeBase64Into(
  target: Uint8Array,
  text: string,
  from = 0,
  to = text.length,
): boolean {
  if (to === from) return true;
  const padding = text.charCodeAt(to - 1) !== PAD ? 0 : text.charCodeAt(to - 2) !== PAD ? 1 : 2;
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
    if (triple < 0) return false;
    target[out] = triple >> 16;
    target[out + 1] = triple >> 8;
    target[out + 2] = triple;
    out += 3;
  }
  const a = sextet(text, index);
  const b = sextet(text, index + 1);
  const c = padding === 2 ? 0 : sextet(text, index + 2);
  const d = padding > 0 ? 0 : sextet(text, index + 3);
  if ((a | b | c | d) < 0) return false;
  // Canonical only: the bits of the last character that no byte uses must be zero. Otherwise four
  // (one "=") or sixteen (two) texts decode to the same bytes, and a signature could be altered
  // without changing what it verifies.
  if (padding === 1 ? (c & 3) !== 0 : padding === 2 && (b & 15) !== 0) return false;
  const triple = (a << 18) | (b << 12) | (c << 6) | d;
  target[out] = triple >> 16;
  if (padding < 2) target[out + 1] = triple >> 8;
  if (padding < 1) target[out + 2] = triple;
  return true;
}

/** Decodes strict, padded, canonical standard base64 into new bytes, or returns `undefined`. */
export function decodeBase64(text: string, from = 0, to = text.length): Uint8Array | undefined {
  const length = decodedLength(text, from, to);
  if (length < 0) return undefined;
  // Backed by an ArrayBuffer of its own: V8 keeps a small `new Uint8Array(n)` inside the JS heap,
  // and the first native call that reads it must move it out.
  const bytes = new Uint8Array(new ArrayBuffer(length));
  return decodeBase64Into(bytes, text, from, to) ? bytes : undefined;
}
