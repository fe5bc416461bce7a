import { describe, expectTypeOf, it } from 'vitest';
import type {
  ConnectionHealthState,
  PurchaseOrder,
  PurchaseOrderLineItem,
  WebhookEvent,
  WebhookEventOf,
} from './index.js';

describe('inferred types', () => {
  it('keeps money as exact strings and custom fields as a record', () => {
    expectTypeOf<PurchaseOrder['totalNetValue']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<PurchaseOrderLineItem['price']>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<PurchaseOrder['key']>().toEqualTypeOf<string>();
    expectTypeOf<PurchaseOrder['customFields']>().toEqualTypeOf<
      Readonly<Record<string, unknown>>
    >();
    expectTypeOf<
      NonNullable<PurchaseOrder['lineItems']>[number]
    >().toEqualTypeOf<PurchaseOrderLineItem>();
  });

  it('names every health state', () => {
    expectTypeOf<ConnectionHealthState>().toEqualTypeOf<
      'healthy' | 'syncing' | 'degraded' | 'reauthorization_required' | 'disconnected' | 'unknown'
    >();
  });
});

describe('the webhook event union', () => {
  it('narrows data on type', () => {
    const handle = (event: WebhookEvent) => {
      switch (event.type) {
        case 'connection.reauthorization_required':
          expectTypeOf(event.data.reason).toEqualTypeOf<string>();
          break;
        case 'purchase_order.updated':
          expectTypeOf(event.data).toEqualTypeOf<PurchaseOrder>();
          break;
        case 'sync.failed':
          expectTypeOf(event.data.error.code).toEqualTypeOf<string>();
          break;
      }
    };
    expectTypeOf(handle).parameter(0).toEqualTypeOf<WebhookEvent>();
  });

  it('WebhookEventOf picks one member', () => {
    expectTypeOf<
      WebhookEventOf<'connection.reauthorized'>['type']
    >().toEqualTypeOf<'connection.reauthorized'>();
    // @ts-expect-error not an event type
    expectTypeOf<WebhookEventOf<'connection.exploded'>>();
  });
});
