import { randomUUID } from 'node:crypto';
import type { GetOrderItemsResponse, GetOrdersResponse, SpApiOrder, SpApiOrderItem } from '@crossdock/channel-adapters';
import type { SpApiErrorEntry } from '../client/sp-api.error';

export interface SellerCentralOptions {
  readonly clock?: () => number;
  /** Orders per getOrders page (MaxResultsPerPage caps it further). Default 100, as SP-API. */
  readonly pageSize?: number;
  /** Items per getOrderItems page. Default 100. */
  readonly itemsPageSize?: number;
  /**
   * SP-API refuses LastUpdatedBefore later than now − 2 minutes; tests that do not want to wait
   * that long leave it at 0 (the default) and run the poller with a short settle time instead.
   */
  readonly settleMs?: number;
}

/** What an HTTP front answers: status, SP-API JSON body, extra headers. */
export interface SimulatedAnswer {
  readonly status: number;
  readonly body: GetOrdersResponse | GetOrderItemsResponse | { readonly errors: readonly SpApiErrorEntry[] };
  readonly headers?: Readonly<Record<string, string>>;
}

interface Page<T> {
  readonly rest: readonly T[];
  readonly expiresAt: number;
}

const TOKEN_TTL_MS = 15 * 60_000;

/**
 * One seller's orders as Amazon would serve them: current version of each order (an update moves
 * its LastUpdateDate), getOrders by LastUpdatedAfter/Before (both inclusive, as documented) with
 * NextToken pages that are snapshots of the first call, getOrderItems pages, and fault injection.
 */
export class SimulatedSellerCentral {
  readonly calls = { getOrders: 0, getOrderItems: 0, failed: 0 };
  private readonly orderById = new Map<string, { order: SpApiOrder; items: readonly SpApiOrderItem[] }>();
  private readonly orderPages = new Map<string, Page<SpApiOrder> & { before: string }>();
  private readonly itemPages = new Map<string, Page<SpApiOrderItem> & { orderId: string }>();
  private readonly clock: () => number;
  private readonly pageSize: number;
  private readonly itemsPageSize: number;
  private readonly settleMs: number;
  private outage: { status: number; remaining: number } | null = null;

  constructor(options: SellerCentralOptions = {}) {
    this.clock = options.clock ?? Date.now;
    this.pageSize = options.pageSize ?? 100;
    this.itemsPageSize = options.itemsPageSize ?? 100;
    this.settleMs = options.settleMs ?? 0;
  }

  /** Adds or replaces an order as given (its LastUpdateDate included). */
  put(order: SpApiOrder, items: readonly SpApiOrderItem[] = []): void {
    this.orderById.set(order.AmazonOrderId, { order, items });
  }

  /** Changes an order the way Amazon does: LastUpdateDate moves to now unless the change sets it. */
  update(amazonOrderId: string, changes: Partial<SpApiOrder>, items?: readonly SpApiOrderItem[]): SpApiOrder {
    const current = this.orderById.get(amazonOrderId);
    if (!current) throw new Error(`no simulated order ${amazonOrderId}`);
    const order = { ...current.order, LastUpdateDate: new Date(this.clock()).toISOString(), ...changes };
    this.orderById.set(amazonOrderId, { order, items: items ?? current.items });
    return order;
  }

  orders(): SpApiOrder[] {
    return [...this.orderById.values()].map((o) => o.order);
  }

  /** The next `count` calls (default: until {@link recover}) answer `status` (429, 500, 503...). */
  fail(status: number, count = Number.POSITIVE_INFINITY): void {
    this.outage = { status, remaining: count };
  }

  recover(): void {
    this.outage = null;
  }

  /** Injected failure for this call, if any; counts it down. */
  injectedFailure(): SimulatedAnswer | null {
    if (!this.outage || this.outage.remaining <= 0) return null;
    this.outage.remaining -= 1;
    this.calls.failed += 1;
    const { status } = this.outage;
    if (status === 429) return error(429, 'QuotaExceeded', 'You exceeded your quota for the requested resource.', { 'x-amzn-RateLimit-Limit': '0.0167' });
    return error(status, status === 503 ? 'ServiceUnavailable' : 'InternalFailure', 'We encountered an internal error. Please try again.');
  }

  getOrders(params: URLSearchParams): SimulatedAnswer {
    this.calls.getOrders += 1;
    if (!params.get('MarketplaceIds')) return invalid('MarketplaceIds is required.');
    const nextToken = params.get('NextToken');
    if (nextToken !== null) {
      const page = this.orderPages.get(nextToken);
      this.orderPages.delete(nextToken);
      if (!page || page.expiresAt < this.clock()) return invalid('Invalid or expired NextToken.');
      return this.ordersPage(page.rest, page.before, maxResults(params, this.pageSize));
    }
    const after = parseIso(params.get('LastUpdatedAfter'));
    if (after === null)
      return invalid(params.has('CreatedAfter') ? 'The simulator filters by LastUpdatedAfter only.' : 'LastUpdatedAfter is required and must be ISO 8601.');
    const latest = this.clock() - this.settleMs;
    const beforeParam = params.get('LastUpdatedBefore');
    const before = beforeParam === null ? latest : parseIso(beforeParam);
    if (before === null) return invalid('LastUpdatedBefore must be ISO 8601.');
    if (before < after) return invalid('LastUpdatedBefore must be later than LastUpdatedAfter.');
    if (before > latest) return invalid(`LastUpdatedBefore must be no later than ${this.settleMs / 60_000} minutes before the time of the request.`);
    const matching = this.orders()
      .filter((o) => {
        const at = Date.parse(o.LastUpdateDate);
        return at >= after && at <= before;
      })
      .sort((a, b) => Date.parse(a.LastUpdateDate) - Date.parse(b.LastUpdateDate) || a.AmazonOrderId.localeCompare(b.AmazonOrderId));
    return this.ordersPage(matching, new Date(before).toISOString(), maxResults(params, this.pageSize));
  }

  getOrderItems(amazonOrderId: string, params: URLSearchParams): SimulatedAnswer {
    this.calls.getOrderItems += 1;
    const nextToken = params.get('NextToken');
    let items: readonly SpApiOrderItem[];
    if (nextToken !== null) {
      const page = this.itemPages.get(nextToken);
      this.itemPages.delete(nextToken);
      if (!page || page.orderId !== amazonOrderId || page.expiresAt < this.clock()) return invalid('Invalid or expired NextToken.');
      items = page.rest;
    } else {
      const entry = this.orderById.get(amazonOrderId);
      if (!entry) return error(404, 'NotFound', `Order ${amazonOrderId} was not found.`);
      items = entry.items;
    }
    const rest = items.slice(this.itemsPageSize);
    const token = rest.length > 0 ? this.remember(this.itemPages, { rest, orderId: amazonOrderId }) : undefined;
    return {
      status: 200,
      body: { payload: { AmazonOrderId: amazonOrderId, OrderItems: items.slice(0, this.itemsPageSize), ...(token ? { NextToken: token } : {}) } },
    };
  }

  private ordersPage(orders: readonly SpApiOrder[], before: string, size: number): SimulatedAnswer {
    const rest = orders.slice(size);
    const token = rest.length > 0 ? this.remember(this.orderPages, { rest, before }) : undefined;
    return { status: 200, body: { payload: { Orders: orders.slice(0, size), LastUpdatedBefore: before, ...(token ? { NextToken: token } : {}) } } };
  }

  private remember<T extends { expiresAt: number }>(pages: Map<string, T>, page: Omit<T, 'expiresAt'>): string {
    const token = Buffer.from(randomUUID()).toString('base64');
    pages.set(token, { ...page, expiresAt: this.clock() + TOKEN_TTL_MS } as T);
    return token;
  }
}

function maxResults(params: URLSearchParams, pageSize: number): number {
  const requested = Number(params.get('MaxResultsPerPage') ?? 100);
  return Math.max(1, Math.min(pageSize, Number.isInteger(requested) && requested > 0 ? requested : 100));
}

function parseIso(text: string | null): number | null {
  if (text === null || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}

function invalid(message: string): SimulatedAnswer {
  return error(400, 'InvalidInput', message);
}

function error(status: number, code: string, message: string, headers?: Record<string, string>): SimulatedAnswer {
  return { status, body: { errors: [{ code, message }] }, ...(headers ? { headers } : {}) };
}
