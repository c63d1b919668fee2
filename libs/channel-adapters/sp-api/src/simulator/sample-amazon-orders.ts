import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GetOrderItemsResponse, GetOrdersResponse, SpApiOrder, SpApiOrderItem } from '@crossdock/channel-adapters';

/** The real-shaped SP-API samples of libs/channel-adapters/fixtures/amazon. */
const FIXTURES = join(__dirname, '..', '..', '..', 'fixtures', 'amazon');
const ITEMS_FILE = /^get-order-items\.(\d{3}-\d{7}-\d{7})(?:\.page-(\d+))?\.json$/;
const DATE_FIELDS = ['PurchaseDate', 'LastUpdateDate', 'EarliestShipDate', 'LatestShipDate', 'EarliestDeliveryDate', 'LatestDeliveryDate'] as const;

export interface SampleAmazonOrder {
  readonly order: SpApiOrder;
  readonly items: readonly SpApiOrderItem[];
}

/**
 * The sample orders (Shipped FBA, Unshipped with two item pages, Pending, Canceled, ...) with every
 * date shifted so the most recently updated one was updated `latestUpdateAt`, keeping the spacing
 * between them: real data for a poller that only asks about the last few minutes.
 */
export function sampleAmazonOrders(latestUpdateAt: number): SampleAmazonOrder[] {
  const orders = ['get-orders.page-1.json', 'get-orders.page-2.json'].flatMap((file) => [...(read<GetOrdersResponse>(file).payload?.Orders ?? [])]);
  const items = new Map<string, SpApiOrderItem[]>();
  const itemFiles = readdirSync(FIXTURES)
    .map((file) => ({ file, match: ITEMS_FILE.exec(file) }))
    .filter((f) => f.match !== null)
    .sort((a, b) => Number(a.match?.[2] ?? 1) - Number(b.match?.[2] ?? 1));
  for (const { file, match } of itemFiles) {
    const id = match?.[1] ?? '';
    items.set(id, [...(items.get(id) ?? []), ...(read<GetOrderItemsResponse>(file).payload?.OrderItems ?? [])]);
  }
  const shift = latestUpdateAt - Math.max(...orders.map((o) => Date.parse(o.LastUpdateDate)));
  return orders.map((order) => ({ order: shifted(order, shift), items: items.get(order.AmazonOrderId) ?? [] }));
}

/**
 * A new order shaped like `template` (another sample) under a new id, placed and last updated at
 * `at`: the demo's and tests' source of fresh marketplace orders.
 */
export function newAmazonOrder(template: SampleAmazonOrder, amazonOrderId: string, at: number, changes: Partial<SpApiOrder> = {}): SampleAmazonOrder {
  if (!/^\d{3}-\d{7}-\d{7}$/.test(amazonOrderId)) throw new Error(`'${amazonOrderId}' is not an Amazon order id (3-7-7 digits)`);
  const shift = at - Date.parse(template.order.LastUpdateDate);
  const order = { ...shifted(template.order, shift), PurchaseDate: new Date(at).toISOString(), AmazonOrderId: amazonOrderId, ...changes };
  if (order.SellerOrderId !== undefined) Object.assign(order, { SellerOrderId: amazonOrderId });
  const items = template.items.map((item, i) => ({ ...item, OrderItemId: `${amazonOrderId.replace(/-/g, '').slice(-10)}${String(i + 1).padStart(4, '0')}` }));
  return { order, items };
}

function shifted(order: SpApiOrder, shiftMs: number): SpApiOrder {
  const copy: Record<string, unknown> = { ...order };
  for (const field of DATE_FIELDS) {
    const value = order[field];
    if (typeof value === 'string') copy[field] = new Date(Date.parse(value) + shiftMs).toISOString().replace('.000Z', 'Z');
  }
  return copy as unknown as SpApiOrder;
}

function read<T>(file: string): T {
  return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as T;
}
