/** Headers as frameworks hand them over: a fetch `Headers`, or Node's lower-cased record. */
export type WebhookHeaders =
  | Headers
  | Readonly<Record<string, string | readonly string[] | undefined>>;

const lowerCode = (code: number) => (code >= 65 && code <= 90 ? code + 32 : code);

/**
 * `key` equals `lowerName` ignoring ASCII case. Length and last character rule out nearly every
 * other header before any string is lower-cased (`webhook-timestamp` and `webhook-signature` share
 * a length and a long prefix), so a request without our headers is refused cheaply.
 */
function equalsIgnoringCase(key: string, lowerName: string): boolean {
  const last = key.length - 1;
  if (
    last !== lowerName.length - 1 ||
    lowerCode(key.charCodeAt(last)) !== lowerName.charCodeAt(last)
  )
    return false;
  return key === lowerName || key.toLowerCase() === lowerName;
}

/**
 * Reads one header case-insensitively (`name` is lower case); a repeated header's values are
 * joined with spaces. An exact match is tried first: Node's records are already lower-cased.
 */
export function readHeader(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function')
    return (headers as Headers).get(name) ?? undefined;
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  let value = record[name];
  if (value === undefined) {
    for (const key in record) {
      if (equalsIgnoringCase(key, name)) {
        value = record[key];
        break;
      }
    }
  }
  return Array.isArray(value) ? value.join(' ') : (value as string | undefined);
}
