import * as z from 'zod';
import type { InvalidRecord } from '../client/operations/InvalidRecord.js';

/** `links` of a page: absolute URLs, `prev`/`next` null at the ends. */
export const PageLinks = z.looseObject({
  /** The first page. */
  first: z.string().nullish(),
  /** The last page. */
  last: z.string().nullish(),
  /** The page before, or null on the first. */
  prev: z.string().nullish(),
  /** The page after, or null on the last. */
  next: z.string().nullish(),
});
export type PageLinks = z.infer<typeof PageLinks>;

const count = () => z.number().int().nonnegative();

/** `meta` of a page; `from`/`to` are null on an empty page. */
export const PageMeta = z.looseObject({
  /** This page's number, from 1. */
  current_page: count(),
  /** The number of the last page. */
  last_page: count(),
  /** Records per page, as the server applied it. */
  per_page: count(),
  /** Records on all pages together. */
  total: count(),
  /** The position of this page's first record in the whole list, from 1. */
  from: count().nullish(),
  /** The position of this page's last record in the whole list. */
  to: count().nullish(),
  /** The list's URL without query. */
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
  return z.looseObject({
    /** The records of the page. */
    data: z.array(item),
    /** Where the other pages are. */
    links: PageLinks,
    /** Page numbers and counts. */
    meta: PageMeta,
  });
}
/**
 * The envelope alone, its records left unparsed: lists check it strictly (a broken envelope is a
 * `ValidationError`) and then parse each record on its own.
 */
export const PageEnvelope = z.looseObject({
  data: z.array(z.unknown()),
  links: PageLinks,
  meta: PageMeta,
});

/**
 * A parsed page of `Item`s. `data` holds the records that match their schema; the ones that do
 * not are in `invalidRecords` with their raw JSON and what was wrong, so none is lost.
 */
export type Page<Item> = {
  /** The records of this page that match their schema, in the order sent. */
  data: Item[];
  /** Where the first, last, previous and next pages are. */
  links: PageLinks;
  /** Page numbers and counts. */
  meta: PageMeta;
  /**
   * Records of this page that broke their schema, in the order sent: the first 100 (the rest are
   * counted in `invalidRecordCount`, not kept). Empty under `strict`.
   */
  invalidRecords: InvalidRecord[];
  /** Records of this page that broke their schema, kept or not. @default invalidRecords.length */
  invalidRecordCount?: number | undefined;
};
