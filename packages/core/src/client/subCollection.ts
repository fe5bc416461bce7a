/**
 * A sub-collection (`lineItems`, `statuses`, `tables`) that can also be called as its `list`, the
 * form the client had before every operation was generated (`client.purchaseOrders.statuses()`).
 *
 * @example
 * this.statuses = subCollection(new PurchaseOrdersStatuses(client));
 * client.purchaseOrders.statuses.list(); // the documented form
 */
export function subCollection<
  Collection extends {
    /** The collection's list call. */
    list: (...args: never[]) => unknown;
  },
>(collection: Collection): Collection & Collection['list'] {
  const call = (...args: never[]) => collection.list(...args);
  const prototype = Object.getPrototypeOf(collection) as object;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    if (name === 'constructor') continue;
    const member = (collection as unknown as Record<string, unknown>)[name];
    if (typeof member === 'function') {
      Object.defineProperty(call, name, { value: member.bind(collection), enumerable: true });
    }
  }
  return call as unknown as Collection & Collection['list'];
}
