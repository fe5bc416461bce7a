import type { FieldMapping, PageMeta, PurchaseOrder } from '@makini-kit/core';
import { useConnectionHealth } from '@makini-kit/react';
import { Fragment, useEffect, useState } from 'react';
import type { OrderDocuments as Documents } from '../../server/orderDocuments.js';
import { api, type DemoConnection } from '../api.js';
import { day as date, money } from '../format.js';
import { OrderDocuments } from './OrderDocuments.js';

interface OrdersResponse {
  data: Array<{
    order: PurchaseOrder;
    customFields: Record<string, unknown>;
    documents?: Documents;
  }>;
  meta: PageMeta;
  /** Orders of this page that broke their schema: counted, detailed in the developer panel. */
  invalidOrders: number;
  vendors: Record<string, string>;
  currencies: Record<string, string>;
  statuses: Record<string, string>;
  invoiceStatuses: Record<string, string>;
  mapping?: FieldMapping;
}

export function PurchaseOrdersPage({ connections }: { connections: DemoConnection[] }) {
  const [selected, setSelected] = useState<string>('');
  const [page, setPage] = useState(1);
  const [result, setResult] = useState<OrdersResponse>();
  const [error, setError] = useState<string>();
  const [open, setOpen] = useState<string>();
  const connectionId = selected || connections[0]?.key || '';
  const healthy = useConnectionHealth(connectionId).state === 'healthy';

  // biome-ignore lint/correctness/useExhaustiveDependencies: `healthy` reloads the orders when the connection heals.
  useEffect(() => {
    if (!connectionId) return;
    let alive = true;
    setError(undefined);
    api<OrdersResponse>(`/api/purchase-orders?connection=${connectionId}&page=${page}`)
      .then((body) => alive && setResult(body))
      .catch((failure: Error) => alive && setError(failure.message));
    return () => {
      alive = false;
    };
  }, [connectionId, page, healthy]);

  return (
    <section aria-labelledby="orders-title">
      <div className="section-head">
        <h1 id="orders-title">Purchase orders</h1>
        <label>
          System{' '}
          <select
            value={connectionId}
            onChange={(event) => {
              setSelected(event.target.value);
              setPage(1);
            }}
          >
            {connections.map((connection) => (
              <option key={connection.key} value={connection.key}>
                {connection.name} ({connection.platform})
              </option>
            ))}
          </select>
        </label>
      </div>
      {error ? (
        <p role="alert" className="error">
          Purchase orders could not be loaded: {error}
        </p>
      ) : null}
      {result && !error ? (
        <>
          <table className="orders">
            <caption>
              {result.meta.total.toLocaleString()} purchase orders, page {result.meta.current_page}{' '}
              of {result.meta.last_page}
            </caption>
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Vendor</th>
                <th scope="col">Ordered</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col" className="number">
                  Net total
                </th>
                <th scope="col">Lines</th>
              </tr>
            </thead>
            <tbody>
              {result.data.map(({ order, customFields, documents }) => (
                <Fragment key={order.key}>
                  <tr data-order={order.key}>
                    <td>{order.orderNo ?? order.key}</td>
                    <td>{result.vendors[order.vendorKey ?? ''] ?? '—'}</td>
                    <td>{date(order.orderDate)}</td>
                    <td>{date(order.dueAt)}</td>
                    <td>{result.statuses[order.statusKey ?? ''] ?? '—'}</td>
                    <td className="number">
                      {money(order.totalNetValue, result.currencies[order.currencyKey ?? ''])}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="link"
                        aria-expanded={open === order.key}
                        onClick={() => setOpen(open === order.key ? undefined : order.key)}
                      >
                        {order.lineItems?.length ?? 0}{' '}
                        {order.lineItems?.length === 1 ? 'line' : 'lines'}
                      </button>
                    </td>
                  </tr>
                  <tr className="documents-row" data-documents={order.key}>
                    <td colSpan={7}>
                      <OrderDocuments
                        documents={documents}
                        currencies={result.currencies}
                        invoiceStatuses={result.invoiceStatuses}
                      />
                    </td>
                  </tr>
                  {open === order.key ? (
                    <tr className="details">
                      <td colSpan={7}>
                        <table>
                          <thead>
                            <tr>
                              <th scope="col">Line</th>
                              <th scope="col">Material</th>
                              <th scope="col" className="number">
                                Quantity
                              </th>
                              <th scope="col" className="number">
                                Unit price
                              </th>
                              <th scope="col" className="number">
                                Line total
                              </th>
                            </tr>
                          </thead>
                          <tbody>
                            {order.lineItems?.map((line) => (
                              <tr key={line.key}>
                                <td>{line.lineNo}</td>
                                <td>
                                  {line.code} {line.name ?? line.description}
                                </td>
                                <td className="number">{line.quantity}</td>
                                <td className="number">
                                  {money(
                                    line.price,
                                    result.currencies[line.currencyKey ?? order.currencyKey ?? ''],
                                  )}
                                </td>
                                <td className="number">
                                  {money(
                                    line.lineTotalValue,
                                    result.currencies[order.currencyKey ?? ''],
                                  )}
                                </td>
                              </tr>
                            ))}
                          </tbody>
                        </table>
                        <p className="muted">
                          Ship to:{' '}
                          {[
                            order.shipmentAddress?.addressee,
                            order.shipmentAddress?.city,
                            order.shipmentAddress?.country,
                          ]
                            .filter(Boolean)
                            .join(', ') || '—'}{' '}
                          · Bill to:{' '}
                          {[order.billingAddress?.addressee, order.billingAddress?.city]
                            .filter(Boolean)
                            .join(', ') || '—'}{' '}
                          · Terms: {order.terms ?? '—'}
                        </p>
                        {Object.keys(customFields).length > 0 ? (
                          <p className="muted">
                            Custom fields:{' '}
                            {Object.entries(customFields)
                              .map(([name, value]) => `${name} = ${String(value)}`)
                              .join(', ')}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
          {result.invalidOrders > 0 ? (
            <p className="muted" data-invalid-orders={result.invalidOrders}>
              {result.invalidOrders} {result.invalidOrders === 1 ? 'order' : 'orders'} of this page
              did not match the schema and {result.invalidOrders === 1 ? 'is' : 'are'} not listed;
              the developer panel shows where each broke.
            </p>
          ) : null}
          <div className="pager">
            <button
              type="button"
              className="secondary"
              disabled={page <= 1}
              onClick={() => setPage(page - 1)}
            >
              Previous
            </button>
            <button
              type="button"
              className="secondary"
              disabled={page >= result.meta.last_page}
              onClick={() => setPage(page + 1)}
            >
              Next
            </button>
          </div>
          {result.mapping ? (
            <details className="mapping">
              <summary>
                Field mapping of {result.mapping.platform_name ?? result.mapping.platform}
              </summary>
              <table>
                <tbody>
                  {result.mapping.purchase_order.map((entry) => (
                    <tr key={entry.field}>
                      <th scope="row">{entry.field}</th>
                      <td>
                        <code>{entry.source}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
