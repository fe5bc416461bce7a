import * as z from 'zod';

/** `links` of a page: absolute URLs, `prev`/`next` null at the ends. */
export const PageLinks = z.looseObject({
  first: z.string().nullish(),
  last: z.string().nullish(),
  prev: z.string().nullish(),
  next: z.string().nullish(),
});
export type PageLinks = z.infer<typeof PageLinks>;

const count = () => z.number().int().nonnegative();

/** `meta` of a page; `from`/`to` are null on an empty page. */
export const PageMeta = z.looseObject({
  current_page: count(),
  last_page: count(),
  per_page: count(),
  total: count(),
  from: count().nullish(),
  to: count().nullish(),
  path: z.string().nullish(),
});
export type PageMeta = z.infer<typeof PageMeta>;

/**
 * Makini's list envelope `{ data, links, meta }`, generic over the item schema.
 *
 * @example
 * const PurchaseOrderPage = Page(PurchaseOrder);
 * const page = PurchaseOrderPage.parse(json); // page.data: PurchaseOrder[]
 */
export function Page<Item extends z.ZodType>(item: Item) {
  return z.looseObject({ data: z.array(item), links: PageLinks, meta: PageMeta });
}
/** A parsed page of `Item`s. */
export type Page<Item> = { data: Item[]; links: PageLinks; meta: PageMeta };
