/** What takes the place of a secret. */
export const REDACTED = '[redacted]';

/**
 * A name whose value is a secret: it contains token, secret, password (or passwd), key, code,
 * signature, auth or credential, in any case. Broad on purpose: a log line that hides a harmless
 * value costs little, one that shows a credential costs the credential.
 */
export const SECRET_NAME = /token|secret|passw(?:or)?d|key|code|signature|auth|credential/i;

/** A query name as the server reads it: `+` is a space, `%xx` decoded. */
function isSecretParam(raw: string): boolean {
  let name: string;
  try {
    name = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // A name that does not decode cannot be told harmless.
    return true;
  }
  // Makini's list filters and sorts name record fields (`filter[purchaseOrderKey]`): data, and the
  // first thing to read when a list comes back wrong.
  if (/^(?:filter|sort)\[/.test(name)) return false;
  return SECRET_NAME.test(name) || name.trim().toLowerCase() === 'state';
}

function redactPairs(pairs: string): string {
  return pairs
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=');
      if (equals < 0 || !isSecretParam(pair.slice(0, equals))) return pair;
      return `${pair.slice(0, equals)}=${REDACTED}`;
    })
    .join('&');
}

/**
 * A path with the value of every query (and fragment) parameter whose decoded name says it is a
 * secret (see {@link SECRET_NAME}, plus OAuth's `state`) replaced by `[redacted]`: `api_key`,
 * `client%5Fsecret`, `refresh+token`, `X-Signature` alike.
 */
export function redactPath(path: string): string {
  const query = path.indexOf('?');
  const hash = path.indexOf('#');
  const end = hash < 0 ? path.length : hash;
  let result = query < 0 || query > end ? path.slice(0, end) : path.slice(0, query + 1);
  if (query >= 0 && query < end) result += redactPairs(path.slice(query + 1, end));
  if (hash >= 0) result += `#${redactPairs(path.slice(hash + 1))}`;
  return result;
}

/** Every known secret in `text` replaced; a secret shorter than 8 characters is not looked for. */
export function redactKnown(
  text: string,
  secrets: ReadonlyArray<string | null | undefined>,
): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 8) result = result.split(secret).join(REDACTED);
  }
  return result;
}

// A name starts only where no name character precedes it, so each name is scanned once and the
// search stays linear however long and hostile the text.
const NAMED_VALUE = /(?<![\w.-])([\w.-]+)(["']?\s*[:=]\s*["']?)(?!\[redacted\])([^\s"'&,;}\]]+)/g;
const BEARER = /\b(bearer\s+)(?!\[redacted\])[^\s"'<>,;]+/gi;

/**
 * A text from elsewhere (another error's message, a server's description) made safe to quote: the
 * known `secrets` replaced, then anything that looks like one: the credential after `Bearer`, and
 * the value after a secret name and `=` or `:` (`refresh_token=…`, `"accessToken":"…"`).
 */
export function redactText(
  text: string,
  secrets: ReadonlyArray<string | null | undefined>,
): string {
  return redactKnown(text, secrets)
    .replace(BEARER, `$1${REDACTED}`)
    .replace(NAMED_VALUE, (match, name: string, separator: string) =>
      SECRET_NAME.test(name) ? `${name}${separator}${REDACTED}` : match,
    );
}
