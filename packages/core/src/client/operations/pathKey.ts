/**
 * Encodes one path segment (a record key, a table name) for a URL path. An empty key would call
 * the list instead of the record, so it is refused.
 *
 * @throws TypeError when the key is empty or not a string.
 * @example
 * `/api/erp/purchase-orders/${pathKey('PO/2024 1')}`; // '/api/erp/purchase-orders/PO%2F2024%201'
 */
export function pathKey(key: string | number): string {
  if ((typeof key !== 'string' && typeof key !== 'number') || String(key) === '') {
    throw new TypeError(
      `A record key must be a non-empty string, got ${key === '' ? 'an empty string' : typeof key}. Pass the record's \`key\` as returned by the API.`,
    );
  }
  return encodeURIComponent(String(key));
}
