import { fixtureJson, sampleMapping } from '../testing/fixtures';
import { AmazonOrderPoller, type AmazonPollCursor, type CursorStore, type GetOrdersQuery, type PolledOrder, type SpApiOrdersPort } from './amazon-order-poller';
import type { GetOrderItemsResponse, GetOrdersResponse, SpApiOrder, SpApiOrderItem } from './sp-api.types';

const ITEM_FILES: Record<string, string[]> = {
  '113-4829105-7731446': ['get-order-items.113-4829105-7731446.json', 'get-order-items.113-4829105-7731446.page-2.json'],
  '114-3941765-2209841': ['get-order-items.114-3941765-2209841.json'],
  '111-7760243-8830617': ['get-order-items.111-7760243-8830617.json'],
  '113-5518273-4410968': ['get-order-items.113-5518273-4410968.json'],
};

/** An in-memory Selling Partner API: current order versions, LastUpdatedAfter/Before filter, pages of 2, NextToken. */
class FakeSpApi implements SpApiOrdersPort {
  readonly orders = new Map<string, SpApiOrder>();
  readonly items = new Map<string, SpApiOrderItem[][]>();
  readonly queries: GetOrdersQuery[] = [];
  private readonly pending = new Map<string, SpApiOrder[]>();

  constructor() {
    for (const page of ['get-orders.page-1.json', 'get-orders.page-2.json']) {
      for (const order of fixtureJson<GetOrdersResponse>(`amazon/${page}`).payload!.Orders) this.orders.set(order.AmazonOrderId, order);
    }
    for (const [id, files] of Object.entries(ITEM_FILES)) {
      this.items.set(
        id,
        files.map((f) => [...fixtureJson<GetOrderItemsResponse>(`amazon/${f}`).payload!.OrderItems]),
      );
    }
  }

  update(id: string, changes: Partial<SpApiOrder>, items?: SpApiOrderItem[]): void {
    this.orders.set(id, { ...this.orders.get(id)!, ...changes });
    if (items) this.items.set(id, [items]);
  }

  async getOrders(query: GetOrdersQuery): Promise<GetOrdersResponse> {
    this.queries.push(query);
    let matching: SpApiOrder[];
    if (query.nextToken === null) {
      const after = Date.parse(query.lastUpdatedAfter);
      const before = Date.parse(query.lastUpdatedBefore);
      // Deliberately not in LastUpdateDate order: the poller must sort.
      matching = [...this.orders.values()]
        .filter((o) => Date.parse(o.LastUpdateDate) > after && Date.parse(o.LastUpdateDate) <= before)
        .sort((a, b) => b.AmazonOrderId.localeCompare(a.AmazonOrderId));
    } else {
      matching = this.pending.get(query.nextToken) ?? [];
    }
    const page = matching.slice(0, 2);
    const rest = matching.slice(2);
    const token = rest.length > 0 ? `tok-${this.queries.length}` : undefined;
    if (token) this.pending.set(token, rest);
    return { payload: { Orders: page, ...(token ? { NextToken: token } : {}) } };
  }

  async getOrderItems(amazonOrderId: string, nextToken: string | null): Promise<GetOrderItemsResponse> {
    const pages = this.items.get(amazonOrderId) ?? [[]];
    const index = nextToken === null ? 0 : Number(nextToken);
    return {
      payload: {
        AmazonOrderId: amazonOrderId,
        OrderItems: pages[index] ?? [],
        ...(index + 1 < pages.length ? { NextToken: String(index + 1) } : {}),
      },
    };
  }
}

class MemoryCursorStore implements CursorStore {
  cursor: AmazonPollCursor | null = null;
  failNextSave = false;
  saves = 0;
  async load() {
    return this.cursor;
  }
  async save(cursor: AmazonPollCursor) {
    if (this.failNextSave) {
      this.failNextSave = false;
      throw new Error('process killed before the cursor was saved');
    }
    this.saves += 1;
    this.cursor = JSON.parse(JSON.stringify(cursor)) as AmazonPollCursor;
  }
}

const NOW = Date.parse('2026-11-20T16:32:00Z');

function setup(options: { batchSize?: number } = {}) {
  const api = new FakeSpApi();
  const store = new MemoryCursorStore();
  const emitted: PolledOrder[][] = [];
  let clock = NOW;
  let failEmit = false;
  const poller = () =>
    new AmazonOrderPoller({
      api,
      cursors: store,
      emit: async (batch) => {
        if (failEmit) throw new Error('Kafka unavailable');
        emitted.push([...batch]);
      },
      context: { mapping: sampleMapping('amazon-us') },
      initialWatermark: '2026-11-20T12:00:00Z',
      overlapMs: 10 * 60_000,
      now: () => clock,
      ...options,
    });
  return {
    api,
    store,
    emitted,
    poller,
    flat: () => emitted.flat(),
    setClock: (ms: number) => (clock = ms),
    setFailEmit: (v: boolean) => (failEmit = v),
  };
}

const summary = (p: PolledOrder) => `${p.amazonOrderId}@${p.lastUpdateDate}:${p.outcome.kind}`;

describe('AmazonOrderPoller', () => {
  it('emits every order version in LastUpdateDate order across pages, then saves the cursor', async () => {
    const t = setup();
    const report = await t.poller().pollOnce();
    expect(t.flat().map(summary)).toEqual([
      '113-4829105-7731446@2026-11-20T14:33:49Z:ORDER',
      '111-7760243-8830617@2026-11-20T15:02:18Z:ORDER',
      '113-5518273-4410968@2026-11-20T15:12:07Z:ORDER',
      '112-0093817-5502633@2026-11-20T15:47:33Z:SKIPPED',
      '114-3941765-2209841@2026-11-20T16:20:05Z:ORDER',
    ]);
    expect(report).toMatchObject({ fetched: 5, emitted: 5, batches: 1 });
    expect(t.store.cursor).toEqual({
      watermark: '2026-11-20T16:20:05.000Z',
      seen: [`114-3941765-2209841@${Date.parse('2026-11-20T16:20:05Z')}`],
    });
    // The query window: from the initial watermark minus the overlap, to two minutes before now.
    expect(t.api.queries[0]).toEqual({ lastUpdatedAfter: '2026-11-20T11:50:00.000Z', lastUpdatedBefore: '2026-11-20T16:30:00.000Z', nextToken: null });
    const first = t.flat()[0]!.outcome;
    expect(first.kind === 'ORDER' && first.order.lines.map((l) => l.channelSku)).toEqual(['AMZ-TEE-BLK-M', 'AMZ-BOTTLE-1L']);
    const cancelled = t.flat()[1]!.outcome;
    expect(cancelled.kind === 'ORDER' && cancelled.order.eventType).toBe('CANCELLED');
  });

  it('does not re-emit after a restart, although the overlap window re-reads the last order', async () => {
    const t = setup();
    await t.poller().pollOnce();
    t.setClock(NOW + 60_000);
    const report = await t.poller().pollOnce();
    expect(report).toMatchObject({ fetched: 1, alreadyEmitted: 1, emitted: 0, batches: 0 });
    expect(t.emitted).toHaveLength(1);
  });

  it('re-emits the identical batch after a crash between emit and cursor save, and nothing is skipped', async () => {
    const t = setup();
    t.store.failNextSave = true;
    await expect(t.poller().pollOnce()).rejects.toThrow('process killed');
    expect(t.store.cursor).toBeNull();

    await t.poller().pollOnce(); // restart
    expect(t.emitted).toHaveLength(2);
    const [beforeCrash, afterRestart] = t.emitted;
    expect(afterRestart!.map(summary)).toEqual(beforeCrash!.map(summary));
    // Same events, same eventIds: order-ingest suppresses the second copy (one effect).
    expect(afterRestart).toEqual(beforeCrash);

    await t.poller().pollOnce();
    expect(t.emitted).toHaveLength(2);
  });

  it('with several batches, a crash re-emits only the unsaved batch', async () => {
    const t = setup({ batchSize: 2 });
    let saves = 0;
    const save = t.store.save.bind(t.store);
    t.store.save = async (cursor) => {
      saves += 1;
      if (saves === 2) throw new Error('process killed before the cursor was saved');
      await save(cursor);
    };
    await expect(t.poller().pollOnce()).rejects.toThrow('process killed');
    expect(t.emitted.map((b) => b.length)).toEqual([2, 2]);
    t.store.save = save;

    await t.poller().pollOnce();
    const batches = t.emitted.map((b) => b.map((p) => p.amazonOrderId));
    expect(batches).toEqual([
      ['113-4829105-7731446', '111-7760243-8830617'],
      ['113-5518273-4410968', '112-0093817-5502633'],
      ['113-5518273-4410968', '112-0093817-5502633'], // the unsaved batch, again
      ['114-3941765-2209841'],
    ]);
    const everyOrder = new Set(t.flat().map((p) => p.amazonOrderId));
    expect(everyOrder.size).toBe(5);
  });

  it('leaves the cursor alone when the publisher fails, and emits the same orders next time', async () => {
    const t = setup();
    t.setFailEmit(true);
    await expect(t.poller().pollOnce()).rejects.toThrow('Kafka unavailable');
    expect(t.store.cursor).toBeNull();
    t.setFailEmit(false);
    await t.poller().pollOnce();
    expect(t.flat()).toHaveLength(5);
  });

  it('emits a Pending order once it becomes Unshipped, and a cancellation after creation', async () => {
    const t = setup();
    await t.poller().pollOnce();
    const pendingId = '112-0093817-5502633';
    const tentItems = fixtureJson<GetOrderItemsResponse>('amazon/get-order-items.113-5518273-4410968.json').payload!.OrderItems;
    t.api.update(
      pendingId,
      {
        OrderStatus: 'Unshipped',
        LastUpdateDate: '2026-11-20T16:41:12Z',
        OrderTotal: { CurrencyCode: 'USD', Amount: '389.97' },
        ShippingAddress: { Name: 'Lee Park', AddressLine1: '9 Elm St', City: 'Reno', StateOrRegion: 'NV', PostalCode: '89501', CountryCode: 'US' },
      },
      [...tentItems],
    );
    t.api.update('113-4829105-7731446', { OrderStatus: 'Canceled', LastUpdateDate: '2026-11-20T16:45:00Z' });
    t.setClock(Date.parse('2026-11-20T16:50:00Z'));
    await t.poller().pollOnce();
    const second = t.emitted[1]!;
    expect(second.map(summary)).toEqual(['112-0093817-5502633@2026-11-20T16:41:12Z:ORDER', '113-4829105-7731446@2026-11-20T16:45:00Z:ORDER']);
    const [created, cancelled] = second.map((p) => (p.outcome.kind === 'ORDER' ? p.outcome.order : null));
    expect(created).toMatchObject({ eventType: 'CREATED', channelOrderId: pendingId, shipTo: { region: 'US-NV' } });
    expect(cancelled).toMatchObject({ eventType: 'CANCELLED', orderId: 'AMAZON:amazon-us:113-4829105-7731446' });
  });

  it('catches an update that became visible late, inside the overlap window below the watermark', async () => {
    const t = setup();
    await t.poller().pollOnce(); // watermark 16:20:05
    // Amazon surfaces a change stamped 16:15 only now (eventual consistency).
    t.api.update('113-5518273-4410968', { OrderStatus: 'Shipped', LastUpdateDate: '2026-11-20T16:15:00Z' });
    t.setClock(NOW + 5 * 60_000);
    await t.poller().pollOnce();
    expect(t.emitted[1]!.map(summary)).toEqual(['113-5518273-4410968@2026-11-20T16:15:00Z:ORDER']);
    // Still the same CREATED event identity: downstream sees a duplicate, not a second order.
    const [a, b] = [t.flat()[2]!.outcome, t.emitted[1]![0]!.outcome];
    expect(a.kind === 'ORDER' && b.kind === 'ORDER' && a.order.eventId === b.order.eventId).toBe(true);
    expect(t.store.cursor!.watermark).toBe('2026-11-20T16:20:05.000Z');
  });

  it('emits a malformed order as a rejection instead of stalling or dropping it', async () => {
    const t = setup();
    t.api.update('113-5518273-4410968', { OrderTotal: { CurrencyCode: 'USD', Amount: '389.9700001' } });
    await t.poller().pollOnce();
    const rejected = t.flat().find((p) => p.amazonOrderId === '113-5518273-4410968')!.outcome;
    expect(rejected).toMatchObject({ kind: 'REJECTED', rejection: { code: 'AMOUNT_INVALID', field: 'OrderTotal.Amount' } });
    expect(t.flat()).toHaveLength(5);
  });

  it('fails the poll (no emit, no save) when SP-API answers with errors', async () => {
    const t = setup();
    t.api.getOrders = async () => ({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] });
    await expect(t.poller().pollOnce()).rejects.toThrow('QuotaExceeded');
    expect(t.emitted).toHaveLength(0);
    expect(t.store.saves).toBe(0);
  });
});
