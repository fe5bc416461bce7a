import { InvalidArgumentError } from '../errors/InvalidArgumentError.js';

/** Printable ASCII without surrounding spaces: what an HTTP header carries unchanged. */
const SENDABLE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * The error for an `idempotencyKey` that cannot be sent as the `Idempotency-Key` header, or
 * `undefined` for one that can (or none). A key left out is no mistake: the write is sent once.
 * A blank or padded key is refused rather than dropped, because a write the caller meant to be
 * retried safely would otherwise be sent without one.
 */
export function invalidIdempotencyKey(
  key: unknown,
  call: { method: string; path: string },
): InvalidArgumentError | undefined {
  if (key === undefined) return undefined;
  if (typeof key === 'string' && SENDABLE.test(key)) return undefined;
  const got =
    typeof key !== 'string'
      ? key === null
        ? 'null'
        : typeof key
      : key.trim() === ''
        ? 'a blank string'
        : key.trim() !== key
          ? 'a string with spaces around it'
          : 'a string with a character outside printable ASCII';
  return new InvalidArgumentError(
    `${call.method} ${call.path}: idempotencyKey must be a non-empty string of printable ASCII with no spaces around it (a UUID per intended write, e.g. crypto.randomUUID()), or left out; got ${got}.`,
    { method: call.method, path: call.path, argument: 'idempotencyKey' },
  );
}
