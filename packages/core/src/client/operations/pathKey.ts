import { InvalidArgumentError } from '../../errors/InvalidArgumentError.js';

/**
 * Stands in for a key that cannot be sent. Resource methods build their path with `pathKey(key)`
 * before the call starts, so throwing here would throw out of a method that promises a rejection.
 * Instead the path carries this mark, which no encoded key can hold (`encodeURIComponent` turns a
 * NUL into `%00`), and the transport rejects the call with `InvalidArgumentError` before sending.
 */
const MARK = '\u0000';

function describe(key: unknown): string {
  if (key === '') return 'an empty string';
  if (key === null) return 'null';
  return typeof key;
}

/**
 * Encodes one path segment (a record key, a table name) for a URL path. An empty key would call
 * the list instead of the record, so it is refused: the call made with the path rejects with
 * `InvalidArgumentError` (`INVALID_ARGUMENT`, `argument: 'key'`) before anything is sent.
 *
 * @example
 * `/api/erp/purchase-orders/${pathKey('PO/2024 1')}`; // '/api/erp/purchase-orders/PO%2F2024%201'
 */
export function pathKey(key: string | number): string {
  if ((typeof key !== 'string' && typeof key !== 'number') || String(key) === '') {
    return `${MARK}${describe(key)}${MARK}`;
  }
  return encodeURIComponent(String(key));
}

/**
 * The error for a path built with a key `pathKey` refused, or `undefined` for a sendable path.
 * The message shows the path template, the key as `{key}`.
 */
export function invalidPathKey(method: string, path: string): InvalidArgumentError | undefined {
  if (!path.includes(MARK)) return undefined;
  // Marked keys alternate with the path around them: text, key, text, key, text.
  const parts = path.split(MARK);
  const got = parts[1];
  const template = parts.filter((_, index) => index % 2 === 0).join('{key}');
  return new InvalidArgumentError(
    `${method} ${template}: the key must be a non-empty string, got ${got}. Pass the record's \`key\` (or the table's name) as the API returned it.`,
    { argument: 'key', method, path: template },
  );
}
