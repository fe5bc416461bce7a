import type { MakiniClient, PurchaseOrder } from '@makini-kit/core';

/** Code of yours that reads Makini: a connection's newest purchase orders. */
export async function recentOrders(client: MakiniClient, count: number): Promise<PurchaseOrder[]> {
  const page = await client.purchaseOrders.list({ perPage: count, sort: { orderDate: 'desc' } });
  return page.data;
}
