import { FieldMapping, type MakiniClient } from '@makini-kit/core';

/** Names the order page shows for keys: vendors, currencies, order and invoice statuses. */
export interface References {
  vendors: Record<string, string>;
  currencies: Record<string, string>;
  statuses: Record<string, string>;
  invoiceStatuses: Record<string, string>;
  mapping?: FieldMapping | undefined;
}

/**
 * How long a connection's reference data is reused. Vendors, currencies and status lists change
 * rarely; reading them again on every page turn would spend five of the connection's rate-limited
 * calls on data the page already has, instead of on the orders and their documents.
 */
export const REFERENCE_TTL_MS = 60_000;

const names = <Item extends { key: string }>(items: Item[], name: (item: Item) => unknown) =>
  Object.fromEntries(items.map((item) => [item.key, String(name(item) ?? item.key)]));

/**
 * Each connection's reference data, read once per {@link REFERENCE_TTL_MS} through the generated
 * resources; concurrent page loads share one read, and a failed read is not kept.
 *
 * @example
 * const { vendors } = await references.get(key, client, 'sap-s4hana');
 */
export class ReferenceData {
  private readonly cache = new Map<string, { at: number; value: Promise<References> }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(connectionKey: string, client: MakiniClient, platform: string | undefined) {
    const cached = this.cache.get(connectionKey);
    if (cached && this.now() - cached.at < REFERENCE_TTL_MS) return cached.value;
    const value = this.read(client, platform);
    this.cache.set(connectionKey, { at: this.now(), value });
    value.catch(() => {
      if (this.cache.get(connectionKey)?.value === value) this.cache.delete(connectionKey);
    });
    return value;
  }

  /** Forgets a connection's data, e.g. after it reconnects. */
  forget(connectionKey: string) {
    this.cache.delete(connectionKey);
  }

  private async read(client: MakiniClient, platform: string | undefined): Promise<References> {
    const all = { perPage: 1000 };
    const [vendors, currencies, statuses, invoiceStatuses, mapping] = await Promise.all([
      client.vendors.list(all),
      client.currencies.list(all),
      client.purchaseOrders.statuses.list(all),
      // A platform without invoices answers 404: its orders then show no invoice statuses.
      client.invoices.statuses.list(all).catch(() => ({ data: [] })),
      client
        .request({ method: 'GET', path: `/api/x-sandbox/platforms/${platform}/field-mapping` })
        .then((body) => FieldMapping.parse((body as { data: unknown }).data))
        .catch(() => undefined),
    ]);
    return {
      vendors: names(vendors.data, (vendor) => vendor.name),
      currencies: names(currencies.data, (currency) => currency.code),
      statuses: names(statuses.data, (status) => status.name),
      invoiceStatuses: names(invoiceStatuses.data, (status) => status.name),
      mapping,
    };
  }
}
