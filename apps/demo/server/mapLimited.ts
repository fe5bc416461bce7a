/**
 * Maps `items` through `task` with at most `limit` calls in flight, keeping the input order. The
 * page's document reads go through it so one page never opens more requests at once than a
 * connection's rate limit can bear.
 *
 * @example
 * const sizes = await mapLimited(['a', 'bb'], 2, async (text) => text.length); // [1, 2]
 */
export async function mapLimited<Item, Result>(
  items: readonly Item[],
  limit: number,
  task: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  if (!(Number.isInteger(limit) && limit > 0)) {
    throw new RangeError(`mapLimited: limit must be a positive integer, got ${limit}.`);
  }
  const results = new Array<Result>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as Item, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
