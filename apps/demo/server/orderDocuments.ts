import {
  addDecimal,
  type Invoice,
  isDecimalString,
  type MakiniClient,
  MakiniError,
  type Receipt,
} from '@makini-kit/core';
import { mapLimited } from './mapLimited.js';

/** A receipt as the order page shows it: number, date, and the quantity received over its lines. */
export interface ReceiptSummary {
  key: string;
  /** The receipt's number (`code`), else its key. */
  number: string;
  /** When the goods were taken in (`completedAt`); `null` while the receipt is open. */
  date: string | null;
  /** Exact sum of the lines' `receivedQuantity`; `null` when no line says. */
  receivedQuantity: string | null;
  lines: number;
}

/** An invoice as the order page shows it: number, date, gross total with currency, status. */
export interface InvoiceSummary {
  key: string;
  number: string;
  date: string | null;
  totalGrossValue: string | null;
  currencyKey: string | null;
  statusKey: string | null;
}

/** One order's documents, or why they could not be read. */
export interface OrderDocuments {
  receipts: ReceiptSummary[];
  invoices: InvoiceSummary[];
  /** Records of this order that broke their schema: set aside, counted, never shown as missing. */
  invalid: { receipts: number; invoices: number };
  error?: { code: string; message: string; requestId?: string | undefined };
}

/**
 * Documents of one order rarely run past a page; only this first page of each is read, so a page
 * of orders costs two calls per order whatever the data (further documents are not shown).
 */
export const DOCUMENTS_PER_ORDER = 50;

export function summarizeReceipt(receipt: Receipt): ReceiptSummary {
  const received = (receipt.lineItems ?? [])
    .map((line) => line.receivedQuantity)
    .filter(isDecimalString);
  return {
    key: receipt.key,
    number: receipt.code ?? receipt.key,
    date: receipt.completedAt ?? null,
    receivedQuantity: received.length > 0 ? addDecimal(...received) : null,
    lines: receipt.lineItems?.length ?? 0,
  };
}

export function summarizeInvoice(invoice: Invoice): InvoiceSummary {
  return {
    key: invoice.key,
    number: invoice.invoiceNumber ?? invoice.key,
    date: invoice.invoiceDate ?? null,
    totalGrossValue: invoice.totalGrossValue ?? null,
    currencyKey: invoice.currencyKey ?? null,
    statusKey: invoice.statusKey ?? null,
  };
}

/**
 * Reads the receipts and invoices of the given orders through `filter[poKey]`, the relation the
 * spec gives both resources. Two calls per order, at most `concurrency` in flight; an order whose
 * calls fail carries the error instead of failing the page.
 *
 * @example
 * const byOrder = await loadOrderDocuments(client, ['4500000001', '4500000002']);
 */
export async function loadOrderDocuments(
  client: MakiniClient,
  orderKeys: readonly string[],
  options: { concurrency?: number; signal?: AbortSignal } = {},
): Promise<Record<string, OrderDocuments>> {
  const params = { perPage: DOCUMENTS_PER_ORDER, signal: options.signal };
  const calls = orderKeys.flatMap((poKey) => [
    { poKey, read: () => client.receipts.list({ ...params, filter: { poKey } }) },
    { poKey, read: () => client.invoices.list({ ...params, filter: { poKey } }) },
  ]);
  const settled = await mapLimited(calls, options.concurrency ?? 4, (call) =>
    call.read().then(
      (page) => ({ page }) as const,
      (error: unknown) => ({ error }) as const,
    ),
  );
  const result: Record<string, OrderDocuments> = {};
  orderKeys.forEach((poKey, index) => {
    const receipts = settled[2 * index];
    const invoices = settled[2 * index + 1];
    const documents: OrderDocuments = {
      receipts: [],
      invoices: [],
      invalid: { receipts: 0, invoices: 0 },
    };
    if (receipts && 'page' in receipts) {
      documents.receipts = (receipts.page.data as Receipt[]).map(summarizeReceipt);
      documents.invalid.receipts = receipts.page.invalidRecords.length;
    }
    if (invoices && 'page' in invoices) {
      documents.invoices = (invoices.page.data as Invoice[]).map(summarizeInvoice);
      documents.invalid.invoices = invoices.page.invalidRecords.length;
    }
    const failure = [receipts, invoices].find((entry) => entry && 'error' in entry);
    if (failure && 'error' in failure) documents.error = describe(failure.error);
    result[poKey] = documents;
  });
  return result;
}

function describe(error: unknown): NonNullable<OrderDocuments['error']> {
  if (MakiniError.is(error)) {
    return { code: error.code, message: error.message, requestId: error.requestId };
  }
  return { code: 'INTERNAL_ERROR', message: 'Reading the documents failed; the log says why.' };
}
