import { type ImportedOrder, TokenBucket, type TokenBucketConfig } from '@crossdock/erp/domain';
import type { ErpInvoiceDocument } from '@crossdock/erp/domain';
import {
  type GoodsIssueListener,
  type GoodsIssueResult,
  type SimulatedGoodsIssue,
  type SimulatedGoodsIssueInput,
  SimulatedShipping,
} from './simulated-erp.shipping';

/** How the simulated ERP misbehaves; everything off by default (a fast, healthy ERP). */
export interface SimulatorBehaviour {
  /** Added to every answer (HTTP response or acknowledgement file). */
  readonly latencyMs: number;
  /** Share of requests (0..1) failing with a server error before anything is booked. */
  readonly errorRate: number;
  /** The ERP's API quota; beyond it requests get 429 / BUSY with Retry-After. Null: unlimited. */
  readonly rateLimit: TokenBucketConfig | null;
  /** Maintenance windows (epoch ms, end exclusive): 503 / import job stopped. */
  readonly outageWindows: readonly { readonly startsAt: number; readonly endsAt: number }[];
  /** Customers the ERP refuses orders for (inactive / blocked accounts). */
  readonly inactiveCustomers: readonly string[];
}

export const DEFAULT_BEHAVIOUR: SimulatorBehaviour = {
  latencyMs: 0,
  errorRate: 0,
  rateLimit: null,
  outageWindows: [],
  inactiveCustomers: ['C-INACTIVE-0001'],
};

/**
 * What the simulated ERP books from an order, whichever way it came: the fields an ORDIMP file
 * carries (`ImportedOrder`), to which the REST body is read down as well.
 */
export type SimulatedOrderInput = ImportedOrder;

export interface SimulatedOrder extends SimulatedOrderInput {
  readonly erpOrderNumber: string;
  readonly status: 'OPEN' | 'SHIPPED' | 'CANCELLED';
  readonly via: 'REST' | 'FILE';
  readonly createdAt: number;
  /** Times the same external id was submitted again after it was booked. */
  readonly duplicateSubmissions: number;
  /** Units issued (shipped) per line, in the order of `lines`. */
  readonly shippedQuantities: readonly number[];
}

export interface SimulatorStats {
  readonly submissions: number;
  readonly created: number;
  readonly duplicateSubmissions: number;
  readonly rejected: number;
  readonly throttled: number;
  readonly outageRefusals: number;
  readonly injectedErrors: number;
  readonly cancellations: number;
  readonly goodsIssues: number;
  /** Goods issues posted again for a package reference the ERP had already posted (answered with the same document). */
  readonly duplicateGoodsIssues: number;
  readonly refusedGoodsIssues: number;
  readonly invoices: number;
}

export type Admission =
  | { readonly kind: 'OK' }
  | { readonly kind: 'OUTAGE'; readonly retryAfterSeconds: number }
  | { readonly kind: 'THROTTLED'; readonly retryAfterSeconds: number }
  | { readonly kind: 'ERROR' };

export type UpsertResult =
  | { readonly kind: 'CREATED' | 'DUPLICATE'; readonly order: SimulatedOrder }
  | { readonly kind: 'INVALID'; readonly errors: readonly { readonly field: string; readonly message: string }[] };

export type CancelResult =
  { readonly kind: 'CANCELLED' | 'ALREADY_CANCELLED' | 'NOT_CANCELLABLE'; readonly order: SimulatedOrder } | { readonly kind: 'NOT_FOUND' };

/**
 * The ERP's books, shared by the HTTP and flat-file fronts: orders by external id (so duplicates are
 * detected and counted rather than booked), plus the configured misbehaviour. Clock and randomness
 * are injected so tests decide exactly when outages and errors happen.
 */
export class SimulatedErp {
  /** Goods issues and the invoices they create: `goodsIssue()`, `goodsIssues()`, `invoices()`, `onGoodsIssue()`. */
  private readonly shipping: SimulatedShipping;
  private behaviour: SimulatorBehaviour;
  private limiter: TokenBucket | null = null;
  private readonly byExternalId = new Map<string, SimulatedOrder>();
  private nextOrderNumber = 100_001;
  private counters = {
    submissions: 0,
    created: 0,
    duplicateSubmissions: 0,
    rejected: 0,
    throttled: 0,
    outageRefusals: 0,
    injectedErrors: 0,
    cancellations: 0,
  };

  constructor(
    behaviour: Partial<SimulatorBehaviour> = {},
    private readonly clock: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {
    this.behaviour = { ...DEFAULT_BEHAVIOUR, ...behaviour };
    this.configure({});
    this.shipping = new SimulatedShipping(
      {
        order: (externalId) => this.byExternalId.get(externalId),
        recordShipment: (order, shippedQuantities) => this.byExternalId.set(order.externalId, { ...order, status: 'SHIPPED', shippedQuantities }),
      },
      clock,
    );
  }

  get latencyMs(): number {
    return this.behaviour.latencyMs;
  }

  configure(change: Partial<SimulatorBehaviour>): void {
    this.behaviour = { ...this.behaviour, ...change };
    if (change.rateLimit !== undefined || this.limiter === null) {
      this.limiter = this.behaviour.rateLimit ? new TokenBucket(this.behaviour.rateLimit, this.clock) : null;
    }
  }

  /** Starts a maintenance window now, lasting `durationMs`. */
  startOutage(durationMs: number): void {
    const now = this.clock();
    this.configure({ outageWindows: [...this.behaviour.outageWindows, { startsAt: now, endsAt: now + durationMs }] });
  }

  endOutages(): void {
    this.configure({ outageWindows: [] });
  }

  isDown(): boolean {
    return this.currentOutage() !== undefined;
  }

  /** Gatekeeping before a request touches the books: outage, quota, injected failure — in that order. */
  admit(): Admission {
    const outage = this.currentOutage();
    if (outage) {
      this.counters.outageRefusals++;
      return { kind: 'OUTAGE', retryAfterSeconds: Math.max(1, Math.ceil((outage.endsAt - this.clock()) / 1000)) };
    }
    if (this.limiter && !this.limiter.tryTake()) {
      this.counters.throttled++;
      return { kind: 'THROTTLED', retryAfterSeconds: Math.max(1, Math.ceil(this.limiter.msUntilAvailable() / 1000)) };
    }
    if (this.behaviour.errorRate > 0 && this.random() < this.behaviour.errorRate) {
      this.counters.injectedErrors++;
      return { kind: 'ERROR' };
    }
    return { kind: 'OK' };
  }

  upsert(input: SimulatedOrderInput, via: SimulatedOrder['via']): UpsertResult {
    this.counters.submissions++;
    const existing = this.byExternalId.get(input.externalId);
    if (existing) {
      const updated = { ...existing, duplicateSubmissions: existing.duplicateSubmissions + 1 };
      this.byExternalId.set(input.externalId, updated);
      this.counters.duplicateSubmissions++;
      return { kind: 'DUPLICATE', order: updated };
    }
    const errors = this.validate(input);
    if (errors.length > 0) {
      this.counters.rejected++;
      return { kind: 'INVALID', errors };
    }
    const order: SimulatedOrder = {
      ...input,
      erpOrderNumber: `SO-${this.nextOrderNumber++}`,
      status: 'OPEN',
      via,
      createdAt: this.clock(),
      duplicateSubmissions: 0,
      shippedQuantities: input.lines.map(() => 0),
    };
    this.byExternalId.set(input.externalId, order);
    this.counters.created++;
    return { kind: 'CREATED', order };
  }

  cancel(externalId: string): CancelResult {
    const order = this.byExternalId.get(externalId);
    if (!order) return { kind: 'NOT_FOUND' };
    if (order.status === 'CANCELLED') return { kind: 'ALREADY_CANCELLED', order };
    if (order.status === 'SHIPPED') return { kind: 'NOT_CANCELLABLE', order };
    const cancelled = { ...order, status: 'CANCELLED' as const };
    this.byExternalId.set(externalId, cancelled);
    this.counters.cancellations++;
    return { kind: 'CANCELLED', order: cancelled };
  }

  /** Test/demo hook: the warehouse shipped it, so it can no longer be cancelled. */
  markShipped(externalId: string): boolean {
    const order = this.byExternalId.get(externalId);
    if (!order || order.status === 'CANCELLED') return false;
    this.byExternalId.set(externalId, { ...order, status: 'SHIPPED' });
    return true;
  }

  /** A goods issue by package reference, for assertions. */
  goodsIssueFor(packageReference: string): SimulatedGoodsIssue | undefined {
    return this.shipping.goodsIssue(packageReference);
  }

  /**
   * Posts a shipped package as a goods issue: one per package reference (a repeat is a counted
   * duplicate answered with the same document), refused for an unknown or cancelled order or more
   * than a line's open quantity; marks the lines shipped and invoices what shipped.
   */
  goodsIssue(input: SimulatedGoodsIssueInput, via: SimulatedOrder['via']): GoodsIssueResult {
    return this.shipping.post(input, via);
  }

  /** Called after every new goods issue with it and its invoice (the demo lowers the ERP's on-hand with it). */
  onGoodsIssue(listener: GoodsIssueListener): () => void {
    return this.shipping.onGoodsIssue(listener);
  }

  goodsIssues(): SimulatedGoodsIssue[] {
    return this.shipping.goodsIssues();
  }

  invoices(): ErpInvoiceDocument[] {
    return this.shipping.invoices();
  }

  orders(): SimulatedOrder[] {
    return [...this.byExternalId.values()];
  }

  order(externalId: string): SimulatedOrder | undefined {
    return this.byExternalId.get(externalId);
  }

  stats(): SimulatorStats {
    return { ...this.counters, ...this.shipping.stats() };
  }

  private currentOutage() {
    const now = this.clock();
    return this.behaviour.outageWindows.find((w) => w.startsAt <= now && now < w.endsAt);
  }

  private validate(input: SimulatedOrderInput): { field: string; message: string }[] {
    const errors: { field: string; message: string }[] = [];
    if (this.behaviour.inactiveCustomers.includes(input.erpCustomerNumber)) {
      errors.push({ field: 'customer.erpCustomerNumber', message: `customer ${input.erpCustomerNumber} is inactive` });
    }
    if (!/^[A-Z]{3}$/.test(input.currency)) errors.push({ field: 'currency', message: `unknown currency '${input.currency}'` });
    if (input.lines.length === 0) errors.push({ field: 'lines', message: 'order has no lines' });
    input.lines.forEach((l, i) => {
      if (!Number.isSafeInteger(l.quantity) || l.quantity <= 0)
        errors.push({ field: `lines[${i}].quantity`, message: `quantity ${l.quantity} must be a positive integer` });
      if (l.sku.trim() === '') errors.push({ field: `lines[${i}].sku`, message: 'item number is blank' });
    });
    return errors;
  }
}
