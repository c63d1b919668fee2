import {
  Topics,
  type ChannelAvailability,
  type InventoryPosition,
  type ItemMaster,
  type OrderAccepted,
  type OrderCancelled,
  type OrderFulfilment,
} from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { sampleAcceptedLine, sampleInventoryPosition, sampleItemMaster, sampleOrderAccepted, sampleOrderCancelled, waitFor } from '@crossdock/testing';
import { AvailabilityHarness, http, type TopicRecorder } from '../test-support/availability.harness';
import { AvailabilityPublisherService } from './availability-publisher.service';

// The same inputs go to one instance in one world and three in another; the channel-availability
// tables they end with must be identical, whichever instance read which partition.
const NOW = Date.now();
const AS_OF = NOW - 60_000;
const SKUS = ['TENT-ULTRA-2P', 'STOVE-CAMP-2B', ...Array.from({ length: 14 }, (_, i) => `SCALE-${String(i + 1).padStart(2, '0')}`)];
const ACCOUNTS = [
  { channelAccountId: 'acme-outdoor', channel: 'SHOPIFY' },
  { channelAccountId: 'amazon-us', channel: 'AMAZON' },
  { channelAccountId: 'edi-summit-outfitters', channel: 'EDI' },
] as const;
const WAREHOUSES = ['DC-RENO', 'DC-ATLANTA'] as const;
const ORDERS = 36;

interface Order {
  readonly orderId: string;
  readonly account: (typeof ACCOUNTS)[number];
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
}

const orders: Order[] = Array.from({ length: ORDERS }, (_, n) => {
  const account = ACCOUNTS[n % ACCOUNTS.length] ?? ACCOUNTS[0];
  return {
    orderId: `${account.channel}:${account.channelAccountId}:SCALE-${n}`,
    account,
    sku: SKUS[n % SKUS.length] ?? 'SCALE-01',
    locationId: WAREHOUSES[Math.floor(n / 3) % 2] ?? 'DC-RENO',
    quantity: 1 + (n % 4),
  };
});
const cancelled = orders.filter((_, n) => n % 7 === 0);
const shipped = orders.filter((_, n) => n % 5 === 1);

function erp(sku: string, locationId: string, onHand: number, version: number, asOf = AS_OF): InventoryPosition {
  return sampleInventoryPosition({ sku, locationId, onHand, allocated: version % 3, asOf, version });
}

/** Stock everywhere, item master facts, and orders from three channel accounts. */
function firstInputs() {
  const items: ItemMaster[] = SKUS.map((sku, i) => sampleItemMaster({ sku, safetyStock: i % 3, asOf: AS_OF, version: 1 }));
  const erpPositions = SKUS.flatMap((sku, i) => WAREHOUSES.map((locationId) => erp(sku, locationId, 30 + i * 3, 1)));
  const wmsPositions = SKUS.filter((_, i) => i % 2 === 0).map((sku, i) =>
    sampleInventoryPosition({
      sku,
      locationId: '3PL-DALLAS',
      locationType: 'THIRD_PARTY_LOGISTICS',
      sourceSystem: 'wms',
      onHand: 12 + i,
      asOf: AS_OF,
      version: 1,
    }),
  );
  const accepted: OrderAccepted[] = orders.map((order) =>
    sampleOrderAccepted({
      orderId: order.orderId,
      channel: order.account.channel,
      channelAccountId: order.account.channelAccountId,
      occurredAt: NOW,
      lines: [sampleAcceptedLine({ lineId: '1', sku: order.sku, quantity: order.quantity, locationId: order.locationId })],
    }),
  );
  return { items, erpPositions, wmsPositions, accepted };
}

/** Cancellations, shipments with their goods issues, the ERP catching up, and stock moving elsewhere. */
function secondInputs() {
  const cancellations: OrderCancelled[] = cancelled.map((order) =>
    sampleOrderCancelled({
      orderId: order.orderId,
      channel: order.account.channel,
      channelAccountId: order.account.channelAccountId,
      cancelledLines: [{ lineId: '1', sku: order.sku, quantity: order.quantity }],
      occurredAt: NOW,
    }),
  );
  const postedAt = AS_OF + 10_000;
  const fulfilments: OrderFulfilment[] = shipped.map((order) => ({
    orderId: order.orderId,
    channel: order.account.channel,
    channelAccountId: order.account.channelAccountId,
    channelOrderId: order.orderId,
    erpOrderNumber: `SO-${order.orderId}`,
    status: 'SHIPPED',
    lines: [
      {
        lineId: '1',
        sku: order.sku,
        locationId: order.locationId,
        orderedQuantity: order.quantity,
        pickedQuantity: order.quantity,
        shortQuantity: 0,
        shippedQuantity: order.quantity,
        deliveredQuantity: 0,
        cancelledQuantity: 0,
        erpPostings: [{ packageReference: `PKG-${order.orderId}`, erpDocumentNumber: `GI-${order.orderId}`, quantity: order.quantity, postedAt }],
      },
    ],
    version: 1,
    updatedAt: postedAt,
  }));
  // The ERP's on-hand after the first half of the goods issues: the rest stay awaiting the ERP.
  const caughtUp = shipped.filter((_, i) => i % 2 === 0);
  const erpAfterIssue = caughtUp.map((order) => {
    const i = SKUS.indexOf(order.sku);
    return erp(order.sku, order.locationId, 30 + i * 3 - order.quantity, 2, postedAt + 5_000);
  });
  const restocked = SKUS.filter((_, i) => i % 4 === 3).map((sku, i) => erp(sku, 'DC-ATLANTA', 60 + i, 3));
  return { cancellations, fulfilments, erpPositions: [...erpAfterIssue, ...restocked] };
}

class World {
  readonly harness: AvailabilityHarness;
  readonly instances: RunningService[] = [];
  figures!: TopicRecorder<ChannelAvailability>;

  constructor(
    label: string,
    private readonly size: number,
  ) {
    this.harness = new AvailabilityHarness(label);
  }

  async start(): Promise<void> {
    await this.harness.setUp();
    this.figures = await this.harness.record(Topics.channelAvailability);
    for (let i = 0; i < this.size; i++) {
      const { service, baseUrl } = await this.harness.startService();
      this.instances.push(service);
      await waitFor(async () => ((await http(`${baseUrl}/health/ready`)).status === 200 ? true : undefined), {
        what: `${this.harness.namespace} instance ${i} ready`,
      });
    }
  }

  async playFirst(): Promise<void> {
    const inputs = firstInputs();
    await this.harness.publish(Topics.itemMaster, inputs.items);
    await this.harness.publish(Topics.erpInventoryPositions, inputs.erpPositions);
    await this.harness.publish(Topics.wmsInventoryPositions, inputs.wmsPositions);
    await this.harness.publish(Topics.ordersAccepted, inputs.accepted);
  }

  async playSecond(): Promise<void> {
    const inputs = secondInputs();
    await this.harness.publish(Topics.orderCancellations, inputs.cancellations);
    await this.harness.publish(Topics.orderFulfilment, inputs.fulfilments);
    await this.harness.publish(Topics.erpInventoryPositions, inputs.erpPositions);
  }

  publishers(): RunningService[] {
    return this.instances.filter((service) => service.app.get(AvailabilityPublisherService).isPublishing());
  }

  /** Every input handled by the service's group, the publisher idle, the recorder at the topic's end. */
  async settle(): Promise<void> {
    for (const contract of [
      Topics.itemMaster,
      Topics.erpInventoryPositions,
      Topics.wmsInventoryPositions,
      Topics.ordersAccepted,
      Topics.orderCancellations,
      Topics.orderFulfilment,
    ]) {
      await this.harness.waitHandled(contract);
    }
    await waitFor(() => (this.publishers().length === 1 ? true : undefined), { what: `${this.harness.namespace}: one publisher` });
    const publisher = this.publishers()[0]?.app.get(AvailabilityPublisherService);
    await waitFor(
      () => {
        const backlog = publisher?.backlog();
        return backlog && backlog.queued === 0 && backlog.openWindows === 0 ? true : undefined;
      },
      { what: `${this.harness.namespace}: coalescing windows closed` },
    );
    await publisher?.drained();
    await this.harness.waitRecordedToEnd(this.figures, Topics.channelAvailability);
  }

  /** The table the channels read: the newest figure per key, without when and by whom it was computed. */
  table(): Record<string, Omit<ChannelAvailability, 'computedAt' | 'version'>> {
    const latest: Record<string, Omit<ChannelAvailability, 'computedAt' | 'version'>> = {};
    for (const { value } of this.figures.records) {
      const { computedAt: _computedAt, version: _version, ...figure } = value;
      latest[`${value.sku}@${value.channelAccountId}`] = figure;
    }
    return latest;
  }

  async stop(): Promise<void> {
    for (const service of this.instances) await service.stop();
    await this.harness.tearDown();
  }
}

describe('availability scaled out: three instances publish exactly what one does', () => {
  const one = new World('scale-one', 1);
  const three = new World('scale-three', 3);

  beforeAll(async () => {
    await one.start();
    await three.start();
  });

  afterAll(async () => {
    await one.stop();
    await three.stop();
  });

  it('ends with the same channel-availability table, published by one instance at a time, also after the publisher stops', async () => {
    await one.playFirst();
    await three.playFirst();
    await one.settle();
    const first = one.table();
    // Every SKU for every channel account selling from where it is stocked: 16 SKUs x 3 accounts.
    expect(Object.keys(first)).toHaveLength(SKUS.length * ACCOUNTS.length);
    // By hand, SCALE-01 (index 2, safety stock 2): 36 on hand less 1 allocated at each DC, less the
    // orders 2, 18 and 34 (3 units each, from every channel account); EDI has no buffer, no inbound.
    expect(first['SCALE-01@edi-summit-outfitters']?.sellableQuantity).toBe(35 + 35 - 2 - 3 * 3);
    await sameTable(three, first, 'three instances to publish what one did');
    expect(three.publishers()).toHaveLength(1);

    // The publishing instance goes away (a pod drained); another takes the role over and catches up.
    const leaving = three.publishers()[0];
    if (!leaving) throw new Error('no publisher among the three instances');
    three.instances.splice(three.instances.indexOf(leaving), 1);
    await leaving.stop();
    await one.playSecond();
    await three.playSecond();
    await one.settle();
    const second = one.table();
    expect(second).not.toEqual(first);
    await sameTable(three, second, 'the two remaining instances to publish what one did');
    await waitFor(() => (three.publishers().length === 1 ? true : undefined), { what: 'one of the two remaining instances publishing' });
  });
});

// Waits for the world's table to equal the expected one; when it never does, the failure shows the difference.
async function sameTable(world: World, expected: ReturnType<World['table']>, what: string): Promise<void> {
  const reached = await waitFor(() => (equal(world.table(), expected) ? true : undefined), { what, timeoutMs: 60_000 }).catch(() => false);
  if (!reached) expect(world.table()).toEqual(expected);
}

function equal(a: object, b: object): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(table: object): unknown[] {
  return Object.entries(table).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
