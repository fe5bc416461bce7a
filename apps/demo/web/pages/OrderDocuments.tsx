import type { OrderDocuments as Documents } from '../../server/orderDocuments.js';
import { day, money, quantity } from '../format.js';

/**
 * An order's receipts and invoices, compact: what was received and what was billed. Records the
 * client set aside as invalid are counted here and detailed in the developer panel.
 */
export function OrderDocuments({
  documents,
  currencies,
  invoiceStatuses,
}: {
  documents: Documents | undefined;
  currencies: Record<string, string>;
  invoiceStatuses: Record<string, string>;
}) {
  if (!documents) return null;
  const invalid = documents.invalid.receipts + documents.invalid.invoices;
  return (
    <div className="documents">
      {documents.error ? (
        <p className="error" role="alert">
          Receipts and invoices could not be read: {documents.error.message}
          {documents.error.requestId ? ` (request ${documents.error.requestId})` : ''}
        </p>
      ) : null}
      <section aria-label="Receipts" data-receipts>
        <h3>Receipts</h3>
        {documents.receipts.length === 0 ? (
          <p className="muted empty">No receipts yet</p>
        ) : (
          <ul>
            {documents.receipts.map((receipt) => (
              <li key={receipt.key} data-receipt={receipt.key}>
                <span className="doc-number">{receipt.number}</span>{' '}
                <span className="doc-date">{day(receipt.date)}</span>{' '}
                <span className="doc-amount">received {quantity(receipt.receivedQuantity)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-label="Invoices" data-invoices>
        <h3>Invoices</h3>
        {documents.invoices.length === 0 ? (
          <p className="muted empty">No invoices yet</p>
        ) : (
          <ul>
            {documents.invoices.map((invoice) => (
              <li key={invoice.key} data-invoice={invoice.key}>
                <span className="doc-number">{invoice.number}</span>{' '}
                <span className="doc-date">{day(invoice.date)}</span>{' '}
                <span className="doc-amount">
                  {money(invoice.totalGrossValue, currencies[invoice.currencyKey ?? ''])}
                </span>{' '}
                <span className="doc-status">
                  {invoiceStatuses[invoice.statusKey ?? ''] ?? invoice.statusKey ?? '—'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      {invalid > 0 ? (
        <p className="muted" data-invalid-documents={invalid}>
          {invalid} {invalid === 1 ? 'record' : 'records'} of this order did not match the schema;
          see the developer panel.
        </p>
      ) : null}
    </div>
  );
}
