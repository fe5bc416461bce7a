import type { Collection } from '../data/Collection.js';
import { type ListQuery, pageEnvelope, passesFilters, sortComparator } from './listQuery.js';

/** Filtered or re-sorted views scan once; the index list is kept for paging through it. */
const scans = new WeakMap<Collection, { version: number; byQuery: Map<string, Uint32Array> }>();

/** The indices a query selects, in order, without building records it does not need. */
export function selectIndices(
  collection: Collection,
  query: ListQuery,
  version: number,
): { total: number; at: (i: number) => number } {
  const ordered =
    !collection.written && query.sort.every((sort) => collection.indexOrdered.has(sort.field));
  if (query.filters.length === 0 && ordered) {
    const size = collection.size;
    const descending = query.sort[0]?.descending ?? false;
    return { total: size, at: (i) => (descending ? size - 1 - i : i) };
  }
  let cache = scans.get(collection);
  if (!cache || cache.version !== version) {
    cache = { version, byQuery: new Map() };
    scans.set(collection, cache);
  }
  const cacheKey = JSON.stringify([query.filters, query.match, query.sort]);
  let selected = cache.byQuery.get(cacheKey);
  if (!selected) {
    const matching: Array<{ index: number; record: Record<string, unknown> }> = [];
    for (let index = 0; index < collection.size; index++) {
      const record = collection.record(index);
      if (record && passesFilters(record, query)) matching.push({ index, record });
    }
    if (query.sort.length > 0) {
      const compare = sortComparator(query);
      matching.sort(
        (left, right) => compare(left.record, right.record) || left.index - right.index,
      );
    }
    selected = Uint32Array.from(matching, (entry) => entry.index);
    if (cache.byQuery.size >= 8) cache.byQuery.delete(cache.byQuery.keys().next().value as string);
    cache.byQuery.set(cacheKey, selected);
  }
  const indices = selected;
  return { total: indices.length, at: (i) => indices[i] ?? 0 };
}

/**
 * A page as JSON text, assembled from the records' cached text. `transform` lets a fault rewrite
 * records on their way out (it gets the record's position in the whole list).
 */
export function pageJson(
  url: URL,
  collection: Collection,
  query: ListQuery,
  version: number,
  transform?: (json: string, position: number) => string,
): string {
  const { total, at } = selectIndices(collection, query, version);
  const start = (query.page - 1) * query.perPage;
  const records: string[] = [];
  for (let i = start; i < Math.min(total, start + query.perPage); i++) {
    const text = collection.json(at(i));
    records.push(transform ? transform(text, i) : text);
  }
  const { links, meta } = pageEnvelope(url, query, total, records);
  return `{"data":[${records.join(',')}],"links":${JSON.stringify(links)},"meta":${JSON.stringify(meta)}}`;
}
