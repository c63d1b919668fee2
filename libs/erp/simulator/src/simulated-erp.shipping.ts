import type { ErpInvoiceDocument, ErpShipmentConfirmationRequest } from '@crossdock/erp/domain';
import type { SimulatedOrder } from './simulated-erp';

/** What the ERP posts a goods issue from, whichever way it came (REST body or SHPCNF file). */
export type SimulatedGoodsIssueInput = ErpShipmentConfirmationRequest;

export interface SimulatedGoodsIssue {
  readonly goodsIssueNumber: string;
  readonly packageReference: string;
  readonly externalId: string;
  readonly erpOrderNumber: string;
  readonly shipDate: number;
  readonly carrierCode: string;
  readonly trackingNumber: string;
  /** Each line resolved to its sales-order line (1-based) and the hub location it ships from. */
  readonly lines: readonly {
    readonly erpLineNumber: number;
    readonly lineId: string;
    readonly sku: string;
    readonly quantity: number;
    readonly locationId: string;
  }[];
  /** The ERP's clock. */
  readonly postedAt: number;
  readonly via: 'REST' | 'FILE';
  readonly invoiceNumber: string;
  /** Times the same package reference was posted again after this goods issue. */
  readonly duplicateSubmissions: number;
}

export type GoodsIssueResult =
  | { readonly kind: 'CREATED' | 'DUPLICATE'; readonly goodsIssue: SimulatedGoodsIssue }
  | { readonly kind: 'NOT_FOUND' }
  | { readonly kind: 'INVALID'; readonly errors: readonly { readonly field: string; readonly message: string }[] };

export type GoodsIssueListener = (goodsIssue: SimulatedGoodsIssue, invoice: ErpInvoiceDocument) => void;

/** How the shipping desk reaches the ERP's order book. */
export interface OrderBook {
  order(externalId: string): SimulatedOrder | undefined;
  recordShipment(order: SimulatedOrder, shippedQuantities: readonly number[]): void;
}

/**
 * The simulated ERP's shipping and billing: goods issues by package reference and the invoice each
 * one creates (unit prices and tax from the booked order lines, document numbers GI-… and INV-…).
 */
export class SimulatedShipping {
  private readonly byPackage = new Map<string, SimulatedGoodsIssue>();
  private readonly invoiceBook: ErpInvoiceDocument[] = [];
  private readonly listeners = new Set<GoodsIssueListener>();
  private nextGoodsIssue = 500_001;
  private nextInvoice = 700_001;
  private counters = { goodsIssues: 0, duplicateGoodsIssues: 0, refusedGoodsIssues: 0, invoices: 0 };

  constructor(
    private readonly books: OrderBook,
    private readonly clock: () => number,
  ) {}

  post(input: SimulatedGoodsIssueInput, via: SimulatedGoodsIssue['via']): GoodsIssueResult {
    const existing = this.byPackage.get(input.packageReference);
    if (existing) {
      const repeated = { ...existing, duplicateSubmissions: existing.duplicateSubmissions + 1 };
      this.byPackage.set(input.packageReference, repeated);
      this.counters.duplicateGoodsIssues++;
      return { kind: 'DUPLICATE', goodsIssue: repeated };
    }
    const order = this.books.order(input.orderId);
    if (!order) {
      this.counters.refusedGoodsIssues++;
      return { kind: 'NOT_FOUND' };
    }
    const resolved = resolveLines(order, input);
    if ('errors' in resolved) {
      this.counters.refusedGoodsIssues++;
      return { kind: 'INVALID', errors: resolved.errors };
    }
    const postedAt = this.clock();
    const goodsIssue: SimulatedGoodsIssue = {
      goodsIssueNumber: `GI-${this.nextGoodsIssue++}`,
      packageReference: input.packageReference,
      externalId: order.externalId,
      erpOrderNumber: order.erpOrderNumber,
      shipDate: input.shipDate,
      carrierCode: input.carrierCode,
      trackingNumber: input.trackingNumber,
      lines: resolved.lines,
      postedAt,
      via,
      invoiceNumber: `INV-${this.nextInvoice++}`,
      duplicateSubmissions: 0,
    };
    this.byPackage.set(input.packageReference, goodsIssue);
    this.books.recordShipment(order, resolved.shippedQuantities);
    this.counters.goodsIssues++;
    const invoice = invoiceFor(goodsIssue, order);
    this.invoiceBook.push(invoice);
    this.counters.invoices++;
    for (const listener of this.listeners) listener(goodsIssue, invoice);
    return { kind: 'CREATED', goodsIssue };
  }

  onGoodsIssue(listener: GoodsIssueListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  goodsIssue(packageReference: string): SimulatedGoodsIssue | undefined {
    return this.byPackage.get(packageReference);
  }

  goodsIssues(): SimulatedGoodsIssue[] {
    return [...this.byPackage.values()];
  }

  invoices(): ErpInvoiceDocument[] {
    return [...this.invoiceBook];
  }

  stats() {
    return { ...this.counters };
  }
}

type Resolved =
  | { readonly lines: SimulatedGoodsIssue['lines']; readonly shippedQuantities: readonly number[] }
  | { readonly errors: { readonly field: string; readonly message: string }[] };

/**
 * Each package line against a sales-order line: by the ERP line number when given (its item must
 * match), else the first line of the item with quantity still open. A line may not ship more than
 * its open quantity (ordered − already issued), counting the package's own earlier lines.
 */
function resolveLines(order: SimulatedOrder, input: SimulatedGoodsIssueInput): Resolved {
  const errors: { field: string; message: string }[] = [];
  if (order.status === 'CANCELLED') errors.push({ field: 'orderId', message: `order ${order.externalId} is cancelled` });
  if (input.erpOrderNumber !== order.erpOrderNumber) {
    errors.push({ field: 'erpOrderNumber', message: `order ${order.externalId} is ${order.erpOrderNumber}, not ${input.erpOrderNumber}` });
  }
  if (input.lines.length === 0) errors.push({ field: 'lines', message: 'goods issue has no lines' });
  const shipped = [...order.shippedQuantities];
  const lines: SimulatedGoodsIssue['lines'][number][] = [];
  input.lines.forEach((line, i) => {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
      errors.push({ field: `lines[${i}].quantity`, message: `quantity ${line.quantity} must be a positive integer` });
      return;
    }
    const open = (index: number) => (order.lines[index]?.quantity ?? 0) - (shipped[index] ?? 0);
    const index =
      line.erpLineNumber !== null
        ? order.lines[line.erpLineNumber - 1]?.sku === line.sku
          ? line.erpLineNumber - 1
          : -1
        : order.lines.findIndex((l, at) => l.sku === line.sku && open(at) > 0);
    const orderLine = order.lines[index];
    if (!orderLine) {
      errors.push({ field: `lines[${i}]`, message: `order ${order.erpOrderNumber} has no open line for item ${line.sku}` });
      return;
    }
    if (line.quantity > open(index)) {
      errors.push({
        field: `lines[${i}].quantity`,
        message: `over-shipment: line ${index + 1} item ${line.sku} has ${open(index)} of ${orderLine.quantity} open, ${line.quantity} issued`,
      });
      return;
    }
    shipped[index] = (shipped[index] ?? 0) + line.quantity;
    lines.push({ erpLineNumber: index + 1, lineId: line.lineId, sku: line.sku, quantity: line.quantity, locationId: orderLine.locationId });
  });
  return errors.length > 0 ? { errors } : { lines, shippedQuantities: shipped };
}

/** Bills what the goods issue shipped at the booked lines' prices, with their tax in proportion. */
function invoiceFor(goodsIssue: SimulatedGoodsIssue, order: SimulatedOrder): ErpInvoiceDocument {
  const lines = goodsIssue.lines.map((line, i) => {
    const booked = order.lines[line.erpLineNumber - 1];
    const ordered = booked?.quantity ?? line.quantity;
    const share = (amount: number) => Math.round((amount * line.quantity) / ordered);
    return {
      lineNo: i + 1,
      itemNumber: line.sku,
      quantity: line.quantity,
      unitPrice: Math.round((booked?.extendedAmountMinor ?? 0) / ordered),
      netAmount: share(booked?.extendedAmountMinor ?? 0),
      taxAmount: share(booked?.taxMinor ?? 0),
      deliveryReference: goodsIssue.packageReference,
      goodsIssueNumber: goodsIssue.goodsIssueNumber,
    };
  });
  const taxTotal = lines.reduce((sum, l) => sum + l.taxAmount, 0);
  const postedAt = new Date(goodsIssue.postedAt).toISOString();
  return {
    documentNumber: goodsIssue.invoiceNumber,
    documentType: 'INVOICE',
    salesOrderNumber: order.erpOrderNumber,
    customerReference: order.externalId,
    billToCustomer: order.erpCustomerNumber,
    currencyCode: order.currency,
    documentDate: postedAt.slice(0, 10),
    postedAt,
    lines,
    taxTotal,
    grandTotal: lines.reduce((sum, l) => sum + l.netAmount, 0) + taxTotal,
  };
}
