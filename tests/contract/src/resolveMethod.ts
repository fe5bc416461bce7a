/**
 * The client method an operationId names (`purchaseOrders.lineItems.list` →
 * `client.purchaseOrders.lineItems.list`), bound to its owner; `undefined` when the path does not
 * lead to a function.
 *
 * @example
 * const list = resolveMethod(client, 'purchaseOrders.list');
 * await list?.({ perPage: 5 });
 */
export function resolveMethod(
  client: object,
  id: string,
): ((...args: unknown[]) => unknown) | undefined {
  const segments = id.split('.');
  const name = segments.pop();
  let owner: unknown = client;
  for (const segment of segments) {
    if ((typeof owner !== 'object' && typeof owner !== 'function') || owner === null)
      return undefined;
    owner = (owner as Record<string, unknown>)[segment];
  }
  if ((typeof owner !== 'object' && typeof owner !== 'function') || owner === null || !name)
    return undefined;
  const method = (owner as Record<string, unknown>)[name];
  return typeof method === 'function'
    ? (...args: unknown[]) => (method as (...a: unknown[]) => unknown).apply(owner, args)
    : undefined;
}
