import { newAmazonOrder, sampleAmazonOrders } from './sample-amazon-orders';

describe('sampleAmazonOrders', () => {
  const at = Date.parse('2030-01-02T03:04:05Z');
  const samples = sampleAmazonOrders(at);

  it('serves the five fixture orders with their items, all item pages joined', () => {
    expect(samples.map((s) => [s.order.AmazonOrderId, s.order.OrderStatus, s.items.length])).toEqual([
      ['114-3941765-2209841', 'Shipped', 1],
      ['113-4829105-7731446', 'Unshipped', 2],
      ['112-0093817-5502633', 'Pending', 0],
      ['111-7760243-8830617', 'Canceled', 1],
      ['113-5518273-4410968', 'Unshipped', 1],
    ]);
  });

  it('moves every date by the same amount so the latest update is at the requested time', () => {
    const latest = Math.max(...samples.map((s) => Date.parse(s.order.LastUpdateDate)));
    expect(latest).toBe(at);
    const shipped = samples[0]!.order;
    // In the fixture the Shipped order was placed 2h21m54s before its last update.
    expect(Date.parse(shipped.LastUpdateDate) - Date.parse(shipped.PurchaseDate)).toBe(8_514_000);
  });

  it('clones a sample as a new order with its own id and item ids', () => {
    const fresh = newAmazonOrder(samples[1]!, '902-0000001-0000042', at + 1_000, { OrderStatus: 'Unshipped' });
    expect(fresh.order).toMatchObject({ AmazonOrderId: '902-0000001-0000042', SellerOrderId: '902-0000001-0000042', LastUpdateDate: '2030-01-02T03:04:06Z' });
    expect(new Set(fresh.items.map((i) => i.OrderItemId)).size).toBe(2);
    expect(fresh.items.map((i) => i.OrderItemId)).not.toContain(samples[1]!.items[0]!.OrderItemId);
    expect(() => newAmazonOrder(samples[1]!, 'A-1', at)).toThrow(/not an Amazon order id/);
  });
});
