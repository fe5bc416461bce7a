// A small consumer of the published core: the type-check budget measures what `tsc` pays for it.
import { MakiniClient } from '@makini-kit/core';

const client = new MakiniClient({ token: 'token' });
for await (const order of client.purchaseOrders.list({ perPage: 100 })) {
  console.log(order.orderNo, order.lineItems?.length);
}
