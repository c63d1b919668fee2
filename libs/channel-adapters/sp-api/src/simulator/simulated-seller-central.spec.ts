import type { GetOrdersResponse } from '@crossdock/channel-adapters';
import { sampleAmazonOrders } from './sample-amazon-orders';
import { SimulatedSellerCentral } from './simulated-seller-central';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

function seller(options: { pageSize?: number } = {}) {
  let now = NOW;
  const sc = new SimulatedSellerCentral({ clock: () => now, ...options });
  for (const { order, items } of sampleAmazonOrders(NOW - 60_000)) sc.put(order, items);
  return { sc, advance: (ms: number) => (now += ms) };
}

const ids = (answer: { body: unknown }) => ((answer.body as GetOrdersResponse).payload?.Orders ?? []).map((o) => o.AmazonOrderId);
const query = (after: number, before: number, extra: Record<string, string> = {}) =>
  new URLSearchParams({ MarketplaceIds: 'ATVPDKIKX0DER', LastUpdatedAfter: iso(after), LastUpdatedBefore: iso(before), ...extra });

describe('SimulatedSellerCentral', () => {
  it('filters on LastUpdateDate with both bounds inclusive, oldest update first', () => {
    const { sc } = seller();
    const latest = NOW - 60_000;
    expect(ids(sc.getOrders(query(latest, latest)))).toEqual(['114-3941765-2209841']);
    expect(ids(sc.getOrders(query(latest - 33 * 60_000, latest)))).toEqual(['112-0093817-5502633', '114-3941765-2209841']);
  });

  it('moves an updated order to its new LastUpdateDate', () => {
    const { sc, advance } = seller();
    advance(5_000);
    const updated = sc.update('112-0093817-5502633', { OrderStatus: 'Unshipped' });
    expect(updated.LastUpdateDate).toBe(iso(NOW + 5_000));
    expect(ids(sc.getOrders(query(NOW, NOW + 5_000)))).toEqual(['112-0093817-5502633']);
  });

  it('serves NextToken pages as a snapshot of the first call, and refuses a token twice', () => {
    const { sc } = seller({ pageSize: 2 });
    const first = sc.getOrders(query(0, NOW));
    sc.update('113-4829105-7731446', { OrderStatus: 'Shipped' });
    const token = (first.body as GetOrdersResponse).payload!.NextToken!;
    const second = sc.getOrders(new URLSearchParams({ MarketplaceIds: 'ATVPDKIKX0DER', NextToken: token }));
    expect([...ids(first), ...ids(second)]).toHaveLength(4);
    expect(sc.getOrders(new URLSearchParams({ MarketplaceIds: 'ATVPDKIKX0DER', NextToken: token })).status).toBe(400);
  });

  it('validates like SP-API: marketplace, ISO dates, window order', () => {
    const { sc } = seller();
    expect(sc.getOrders(new URLSearchParams({ LastUpdatedAfter: iso(0) })).status).toBe(400);
    expect(sc.getOrders(new URLSearchParams({ MarketplaceIds: 'X', LastUpdatedAfter: 'yesterday' })).status).toBe(400);
    expect(sc.getOrders(query(NOW, NOW - 1)).status).toBe(400);
  });

  it('fails the requested number of calls, then recovers', () => {
    const { sc } = seller();
    sc.fail(503, 2);
    expect([sc.injectedFailure()?.status, sc.injectedFailure()?.status, sc.injectedFailure()]).toEqual([503, 503, null]);
    expect(sc.calls.failed).toBe(2);
  });
});
