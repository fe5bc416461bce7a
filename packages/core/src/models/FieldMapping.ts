import * as z from 'zod';
import { PURCHASE_ORDER_FIELDS } from './PurchaseOrder.js';
import { PURCHASE_ORDER_LINE_ITEM_FIELDS } from './PurchaseOrderLineItem.js';

const mappedField = <Field extends string>(fields: readonly Field[]) =>
  z.looseObject({
    /** The canonical field, e.g. `totalNetValue`. */
    field: z.enum(fields as [Field, ...Field[]]),
    /** Where the source system keeps it, e.g. `EKKO-NETWR` or `PurchaseOrder.TotalAmount`. */
    source: z.string().min(1),
    /** How the value is derived when it is not copied as-is. */
    note: z.string().nullish(),
  });

/**
 * For one platform, which canonical purchase-order and line-item fields it supplies and from which
 * source field. Fields that are absent from the lists are not supplied by that platform: field
 * coverage is data, not an assumption.
 *
 * @example
 * const mapping = FieldMapping.parse(json);
 * const suppliesTerms = mapping.purchase_order.some((entry) => entry.field === 'terms');
 */
export const FieldMapping = z.looseObject({
  /** The platform slug (`provider`), e.g. `sap-s4hana`. */
  platform: z.string().min(1),
  /** The platform's display name, e.g. `SAP S/4HANA`. */
  platform_name: z.string().nullish(),
  /** The purchase-order fields the platform supplies, and from where. */
  purchase_order: z.array(mappedField(PURCHASE_ORDER_FIELDS)),
  /** The line-item fields the platform supplies, and from where. */
  line_item: z.array(mappedField(PURCHASE_ORDER_LINE_ITEM_FIELDS)),
  /** Source fields the platform sends beyond the canonical model; they arrive as custom fields. */
  custom_fields: z
    .array(
      z.looseObject({
        /** The name it arrives under in `customFields`. */
        name: z.string(),
        /** Where the source system keeps it. */
        source: z.string(),
        /** Its type in the source system, when known. */
        type: z.string().nullish(),
      }),
    )
    .nullish(),
});
export type FieldMapping = z.infer<typeof FieldMapping>;
