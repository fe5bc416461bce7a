/** A source-system table: its name, columns and the collection its rows project. */
export interface RawTable {
  name: string;
  description: string;
  source: string;
  /** Column → field of the source record. */
  columns: Record<string, string>;
}

const table = (
  name: string,
  description: string,
  source: string,
  columns: Record<string, string>,
): RawTable => ({ name, description, source, columns });

/** A small fixed schema per platform, named as each system names its tables. */
export const RAW_TABLES: Readonly<Record<string, readonly RawTable[]>> = {
  'sap-s4hana': [
    table('EKKO', 'Purchasing document header', 'purchase-orders', {
      EBELN: 'orderNo',
      BEDAT: 'orderDate',
      LIFNR: 'vendorKey',
      WAERS: 'currencyKey',
      NETWR: 'totalNetValue',
    }),
    table('LFA1', 'Vendor master', 'vendors', { LIFNR: 'key', NAME1: 'name', SORTL: 'code' }),
    table('MARA', 'Material master', 'materials', {
      MATNR: 'code',
      MAKTX: 'name',
      MEINS: 'uomKey',
    }),
  ],
  'oracle-netsuite': [
    table('transaction', 'Transactions (purchase orders)', 'purchase-orders', {
      tranid: 'orderNo',
      trandate: 'orderDate',
      entity: 'vendorKey',
      total: 'totalGrossValue',
    }),
    table('vendor', 'Vendors', 'vendors', { id: 'key', companyname: 'name', entityid: 'code' }),
    table('item', 'Items', 'products', { itemid: 'code', displayname: 'name' }),
  ],
  'ibm-maximo': [
    table('PO', 'Purchase orders', 'purchase-orders', {
      PONUM: 'orderNo',
      ORDERDATE: 'orderDate',
      VENDOR: 'vendorKey',
      TOTALCOST: 'totalNetValue',
    }),
    table('COMPANIES', 'Companies (vendors)', 'vendors', { COMPANY: 'code', NAME: 'name' }),
    table('ITEM', 'Items', 'materials', {
      ITEMNUM: 'code',
      DESCRIPTION: 'name',
      ORDERUNIT: 'uomKey',
    }),
  ],
  'dynamics-365': [
    table('PurchTable', 'Purchase order headers', 'purchase-orders', {
      PurchId: 'orderNo',
      AccountingDate: 'orderDate',
      OrderAccount: 'vendorKey',
      CurrencyCode: 'currencyKey',
    }),
    table('VendTable', 'Vendors', 'vendors', { AccountNum: 'code', Name: 'name' }),
    table('InventTable', 'Released products', 'products', { ItemId: 'code', NameAlias: 'name' }),
  ],
};
