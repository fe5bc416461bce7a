import type { FieldMapping, PurchaseOrder, PurchaseOrderLineItem } from '@makini-kit/core';

/** A canonical purchase-order field, e.g. `totalNetValue`. */
export type OrderField = keyof PurchaseOrder & string;
/** A canonical line-item field, e.g. `quantity`. */
export type LineField = keyof PurchaseOrderLineItem & string;

/** A platform the sandbox emulates, with the fields its purchase orders carry and where they come from. */
export interface PlatformDefinition {
  /** The platform's id, as `GET /api/system/platforms` lists it. */
  id: string;
  /** Its slug, used as `provider` when creating connections, e.g. `sap-s4hana`. */
  provider: string;
  /** Its display name, e.g. `SAP S/4HANA`. */
  name: string;
  /** What kind of system it is: `ERP`, `EAM`, `CMMS`, `WMS`. */
  category: string;
  /** Canonical purchase-order field → the source system's field. */
  orderFields: Partial<Record<OrderField, string>>;
  /** Canonical line-item field → the source system's field. */
  lineFields: Partial<Record<LineField, string>>;
  /** Fields beyond the canonical model, sent as custom fields. */
  customFields: Array<{
    /** The name it arrives under in `customFields`. */
    name: string;
    /** Where the source system keeps it. */
    source: string;
    /** Its type in the source system. */
    type: string;
  }>;
}

/** The platforms the sandbox emulates (SAP S/4HANA, Oracle NetSuite, IBM Maximo, Dynamics 365), with their field mappings. */
export const PLATFORMS: readonly PlatformDefinition[] = [
  {
    id: '1',
    provider: 'sap-s4hana',
    name: 'SAP S/4HANA',
    category: 'ERP',
    orderFields: {
      key: 'EKKO-EBELN',
      orderNo: 'EKKO-EBELN',
      orderDate: 'EKKO-BEDAT',
      vendorKey: 'EKKO-LIFNR',
      statusKey: 'EKKO-PROCSTAT',
      title: 'EKKO-IHREZ',
      description: 'EKKO-TXZ01',
      dueAt: 'EKET-EINDT',
      approvedAt: 'EKKO-FRGDT',
      completedAt: 'EKKO-ELIKZ_DT',
      shippingMethod: 'EKKO-INCO1',
      shipmentDate: 'EKET-SLFDT',
      shipmentAddress: 'ADRC (ship-to)',
      billingAddress: 'ADRC (bill-to)',
      deliveryAddress: 'EKPO-ADRNR',
      terms: 'EKKO-ZTERM',
      notes: 'EKKO-TEXT',
      currencyKey: 'EKKO-WAERS',
      siteKey: 'EKPO-WERKS',
      organizationKey: 'EKKO-EKORG',
      totalNetValue: 'EKKO-NETWR (sum of EKPO-NETWR)',
      totalGrossValue: 'EKKO-RLWRT',
      updatedAt: 'EKKO-AEDAT',
      lineItems: 'EKPO',
    },
    lineFields: {
      key: 'EKPO-EBELN+EBELP',
      lineNo: 'EKPO-EBELP',
      code: 'EKPO-MATNR',
      name: 'EKPO-TXZ01',
      description: 'EKPO-TXZ01',
      materialKey: 'EKPO-MATNR',
      quantity: 'EKPO-MENGE',
      receivedQuantity: 'EKBE-MENGE',
      uomKey: 'EKPO-MEINS',
      price: 'EKPO-NETPR',
      discount: 'KONV-KBETR (RA01)',
      lineTaxValue: 'KONV-KWERT (MWST)',
      lineTotalValue: 'EKPO-NETWR',
      currencyKey: 'EKKO-WAERS',
      deliveryAt: 'EKET-EINDT',
      storeroomKey: 'EKPO-LGORT',
    },
    customFields: [
      { name: 'ZZ_COST_CENTER', source: 'EKKN-KOSTL', type: 'string' },
      { name: 'ZZ_PURCHASING_GROUP', source: 'EKKO-EKGRP', type: 'string' },
    ],
  },
  {
    id: '2',
    provider: 'oracle-netsuite',
    name: 'Oracle NetSuite',
    category: 'ERP',
    orderFields: {
      key: 'internalId',
      orderNo: 'tranId',
      orderDate: 'tranDate',
      vendorKey: 'entity',
      statusKey: 'status',
      title: 'memo',
      dueAt: 'dueDate',
      shipmentDate: 'shipDate',
      shipmentAddress: 'shippingAddress',
      billingAddress: 'billingAddress',
      terms: 'terms',
      currencyKey: 'currency',
      siteKey: 'subsidiary',
      totalNetValue: 'subTotal',
      totalGrossValue: 'total',
      updatedAt: 'lastModifiedDate',
      lineItems: 'itemList',
    },
    lineFields: {
      key: 'line',
      lineNo: 'line',
      code: 'item.itemId',
      name: 'item.name',
      description: 'description',
      productKey: 'item',
      quantity: 'quantity',
      receivedQuantity: 'quantityReceived',
      uomKey: 'units',
      price: 'rate',
      lineTaxValue: 'tax1Amt',
      lineTotalValue: 'amount',
      deliveryAt: 'expectedReceiptDate',
    },
    customFields: [
      { name: 'custbody_project', source: 'customFieldList.custbody_project', type: 'string' },
    ],
  },
  {
    id: '3',
    provider: 'ibm-maximo',
    name: 'IBM Maximo',
    category: 'EAM',
    orderFields: {
      key: 'POID',
      orderNo: 'PONUM',
      orderDate: 'ORDERDATE',
      vendorKey: 'VENDOR',
      statusKey: 'STATUS',
      description: 'DESCRIPTION',
      dueAt: 'REQUIREDDATE',
      approvedAt: 'STATUSDATE (APPR)',
      shipmentAddress: 'SHIPTO',
      siteKey: 'SITEID',
      organizationKey: 'ORGID',
      currencyKey: 'CURRENCYCODE',
      totalNetValue: 'TOTALCOST',
      updatedAt: 'CHANGEDATE',
      lineItems: 'POLINE',
    },
    lineFields: {
      key: 'POLINEID',
      lineNo: 'POLINENUM',
      code: 'ITEMNUM',
      description: 'DESCRIPTION',
      assetKey: 'ASSETNUM',
      materialKey: 'ITEMNUM',
      storeroomKey: 'STORELOC',
      accountKey: 'GLDEBITACCT',
      quantity: 'ORDERQTY',
      receivedQuantity: 'RECEIVEDQTY',
      uomKey: 'ORDERUNIT',
      price: 'UNITCOST',
      lineTotalValue: 'LINECOST',
      dueAt: 'REQDELIVERYDATE',
    },
    customFields: [
      { name: 'WONUM', source: 'POLINE.REFWO', type: 'string' },
      { name: 'PRIORITY', source: 'PRIORITY', type: 'integer' },
    ],
  },
  {
    id: '4',
    provider: 'dynamics-365',
    name: 'Microsoft Dynamics 365',
    category: 'ERP',
    orderFields: {
      key: 'PurchaseOrderNumber',
      orderNo: 'PurchaseOrderNumber',
      orderDate: 'AccountingDate',
      vendorKey: 'OrderVendorAccountNumber',
      statusKey: 'PurchaseOrderStatus',
      title: 'PurchaseOrderName',
      dueAt: 'RequestedDeliveryDate',
      approvedAt: 'ApprovalDateTime',
      shippingMethod: 'DeliveryModeId',
      billingAddress: 'InvoiceAddress',
      deliveryAddress: 'DeliveryAddress',
      terms: 'PaymentTermsName',
      notes: 'PurchaseOrderHeaderNotes',
      currencyKey: 'CurrencyCode',
      locationKey: 'DefaultReceivingWarehouseId',
      totalNetValue: 'TotalAmountExcludingTax',
      totalGrossValue: 'TotalAmount',
      updatedAt: 'ModifiedDateTime',
      lineItems: 'PurchaseOrderLines',
    },
    lineFields: {
      key: 'LineNumber',
      lineNo: 'LineNumber',
      code: 'ItemNumber',
      name: 'LineDescription',
      description: 'LineDescription',
      productKey: 'ItemNumber',
      quantity: 'OrderedPurchaseQuantity',
      receivedQuantity: 'ReceivedQuantity',
      uomKey: 'PurchaseUnitSymbol',
      price: 'PurchasePrice',
      discount: 'LineDiscountAmount',
      lineTaxValue: 'SalesTaxAmount',
      lineTotalValue: 'LineAmount',
      currencyKey: 'CurrencyCode',
      deliveryAt: 'ConfirmedDeliveryDate',
      locationKey: 'ReceivingWarehouseId',
    },
    customFields: [
      { name: 'ProcurementCategory', source: 'ProcurementCategoryName', type: 'string' },
    ],
  },
];

export function findPlatform(provider: string): PlatformDefinition | undefined {
  return PLATFORMS.find((platform) => platform.provider === provider);
}

/**
 * The field mapping of a platform, in the shape of core's `FieldMapping`.
 *
 * @example
 * const sap = PLATFORMS.find((platform) => platform.provider === 'sap-s4hana');
 * if (sap) fieldMappingOf(sap).purchase_order; // …, { field: 'orderDate', source: 'EKKO-BEDAT' }, …
 */
export function fieldMappingOf(platform: PlatformDefinition): FieldMapping {
  return {
    platform: platform.provider,
    platform_name: platform.name,
    purchase_order: Object.entries(platform.orderFields).map(([field, source]) => ({
      field: field as FieldMapping['purchase_order'][number]['field'],
      source: source as string,
    })),
    line_item: Object.entries(platform.lineFields).map(([field, source]) => ({
      field: field as FieldMapping['line_item'][number]['field'],
      source: source as string,
    })),
    custom_fields: platform.customFields,
  };
}
