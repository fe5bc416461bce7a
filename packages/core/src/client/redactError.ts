import { MakiniError } from '../errors/MakiniError.js';
import { redactText } from './redact.js';
import { redactBody } from './redactBody.js';

const MAX_CAUSES = 8;

/**
 * A copy of a foreign error that is safe to keep as a `cause`: same `name`, `message`, `stack` and
 * string `code`, each passed through `redactText` with the known `secrets`, and its own `cause`
 * copied the same way. A low-level error (fetch's `Headers.append: "Bearer …" is an invalid header
 * value`, a store's `could not save {"accessToken": …}`) would otherwise carry a credential to
 * every logger, serializer and crash print. The kit's own errors are safe already and pass as they
 * are; a thrown non-error becomes its redacted copy.
 */
export function redactError(
  caught: unknown,
  secrets: ReadonlyArray<string | null | undefined>,
  depth = 0,
): unknown {
  if (MakiniError.is(caught) || caught === undefined || caught === null) return caught;
  if (!(caught instanceof Error) && typeof caught !== 'object') {
    return typeof caught === 'string' ? redactText(caught, secrets) : caught;
  }
  if (!(caught instanceof Error)) return redactBody(caught, { secrets, secretBody: true });
  const copy = new Error(redactText(String(caught.message), secrets));
  Object.defineProperty(copy, 'name', {
    value: redactText(String(caught.name), secrets),
    configurable: true,
    writable: true,
  });
  // The copy's own stack would point here; the original's says where the failure was.
  if (caught.stack === undefined) delete (copy as { stack?: string }).stack;
  else copy.stack = redactText(caught.stack, secrets);
  const { code } = caught as { code?: unknown };
  if (typeof code === 'string' || typeof code === 'number') {
    Object.defineProperty(copy, 'code', {
      value: typeof code === 'string' ? redactText(code, secrets) : code,
      enumerable: true,
    });
  }
  if (caught.cause !== undefined && depth < MAX_CAUSES) {
    Object.defineProperty(copy, 'cause', {
      value: redactError(caught.cause, secrets, depth + 1),
      configurable: true,
      writable: true,
    });
  }
  return copy;
}
