import type { Kafka } from 'kafkajs';
import { messageKey, Topics, type ChannelShipmentUpdate, type ShipmentMilestone, type TopicDefinition, type WarehouseRelease } from '@crossdock/contracts';
import type { AvroSerde, EventPublisher } from '@crossdock/messaging';
import { monotonicMs } from '../lib/clock';
import { runOpenLoop } from '../lib/open-loop';
import { latencySummary, type LatencySummary } from '../lib/stats';
import { TopicWatcher } from '../lib/topic.watcher';
import { acceptedOrderOf, CARRIER_STATUSES, shipFactOf, trackingUpdateOf, type BenchShipment, type CarrierStatus } from './shipment-flow.samples';

const BATCH = 500;

/** What the bench reads of the service's output: releases (order accepted and applied), milestones and channel updates, per order and milestone. */
export class ShipmentOutputs {
  readonly releases: TopicWatcher<WarehouseRelease>;
  readonly milestones: TopicWatcher<ShipmentMilestone>;
  readonly channelUpdates: TopicWatcher<ChannelShipmentUpdate>;

  constructor(kafka: Kafka, serde: AvroSerde, namespace: string) {
    this.releases = new TopicWatcher(kafka, serde, namespace, Topics.warehouseReleases, (release) => [release.orderId]);
    this.milestones = new TopicWatcher(kafka, serde, namespace, Topics.shipmentMilestones, (m) => [milestoneKey(m.orderId, m.milestone)]);
    this.channelUpdates = new TopicWatcher(kafka, serde, namespace, Topics.channelShipmentUpdates, (u) => [milestoneKey(u.orderId, u.milestone)]);
  }

  async start(): Promise<void> {
    await Promise.all([this.releases.start(), this.milestones.start(), this.channelUpdates.start()]);
  }

  async stop(): Promise<void> {
    await Promise.all([this.releases.stop(), this.milestones.stop(), this.channelUpdates.stop()]);
  }
}

export function milestoneKey(orderId: string, milestone: string): string {
  return `${orderId}|${milestone}`;
}

async function publishInBatches<T>(publisher: EventPublisher, contract: TopicDefinition<T>, values: readonly T[], keyOf: (value: T) => string): Promise<void> {
  for (let i = 0; i < values.length; i += BATCH) {
    await publisher.publishMany(
      contract,
      values.slice(i, i + BATCH).map((value) => ({ key: keyOf(value), value })),
    );
  }
}

/** Orders accepted, as order-ingest publishes them; resolves once the service released every one (so facts apply rather than wait). */
export async function acceptOrders(publisher: EventPublisher, outputs: ShipmentOutputs, shipments: readonly BenchShipment[], timeoutMs: number): Promise<void> {
  const now = Date.now();
  await publishInBatches(
    publisher,
    Topics.ordersAccepted,
    shipments.map((s) => acceptedOrderOf(s, now)),
    (order) => messageKey(Topics.ordersAccepted, order),
  );
  await outputs.releases.waitFor(
    shipments.map((s) => s.orderId),
    timeoutMs,
  );
}

/** WMS ship facts for the orders; resolves once every SHIPPED milestone was published. */
export async function shipOrders(publisher: EventPublisher, outputs: ShipmentOutputs, shipments: readonly BenchShipment[], timeoutMs: number): Promise<void> {
  const now = Date.now();
  await publishInBatches(
    publisher,
    Topics.wmsShipments,
    shipments.map((s) => shipFactOf(s, now)),
    (fact) => messageKey(Topics.wmsShipments, fact),
  );
  await outputs.milestones.waitFor(
    shipments.map((s) => milestoneKey(s.orderId, 'SHIPPED')),
    timeoutMs,
  );
}

export interface SustainedResult {
  readonly milestones: number;
  readonly seconds: number;
  readonly milestonesPerSec: number;
}

const TRACKED_STATUSES: readonly CarrierStatus[] = ['IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'];

/**
 * Sustained load, both inputs at once as fast as the publisher goes: a WMS ship fact for each of
 * `toShip` (accepted, not shipped: 1 milestone each) interleaved with in transit, out for delivery and
 * delivered for each of `tracked` (shipped: 3 milestones each). First send -> last milestone consumed.
 */
export async function measureSustained(
  publisher: EventPublisher,
  outputs: ShipmentOutputs,
  toShip: readonly BenchShipment[],
  tracked: readonly BenchShipment[],
  timeoutMs: number,
): Promise<SustainedResult> {
  const now = Date.now();
  const facts = toShip.map((s) => shipFactOf(s, now));
  // A package's updates in status order, so each one moves it on (same key, same partition).
  const updates = tracked.flatMap((s) => TRACKED_STATUSES.map((status) => trackingUpdateOf(s, status, now)));
  const expected = [
    ...toShip.map((s) => milestoneKey(s.orderId, 'SHIPPED')),
    ...tracked.flatMap((s) => TRACKED_STATUSES.map((st) => milestoneKey(s.orderId, st))),
  ];
  const started = monotonicMs();
  const rounds = Math.max(Math.ceil(facts.length / BATCH), Math.ceil(updates.length / BATCH));
  for (let round = 0; round < rounds; round++) {
    const slice = <T>(values: readonly T[]) => values.slice(round * BATCH, (round + 1) * BATCH);
    const factBatch = slice(facts);
    const updateBatch = slice(updates);
    await Promise.all([
      factBatch.length > 0
        ? publisher.publishMany(
            Topics.wmsShipments,
            factBatch.map((value) => ({ key: messageKey(Topics.wmsShipments, value), value })),
          )
        : undefined,
      updateBatch.length > 0
        ? publisher.publishMany(
            Topics.carrierTracking,
            updateBatch.map((value) => ({ key: messageKey(Topics.carrierTracking, value), value })),
          )
        : undefined,
    ]);
  }
  await outputs.milestones.waitFor(expected, timeoutMs);
  const seconds = (outputs.milestones.lastSeen(expected) - started) / 1000;
  return { milestones: expected.length, seconds, milestonesPerSec: expected.length / seconds };
}

export interface LatencyResult extends LatencySummary {
  readonly targetPerSec: number;
  readonly achievedPerSec: number;
  readonly updates: number;
}

/**
 * Open loop at `ratePerSec` carrier updates over shipped `packages` (each takes the carrier
 * statuses in order, one round of all packages per status, so at most 4 per package); latency from
 * each TrackingUpdate's scheduled send to its ChannelShipmentUpdate consumed.
 */
export async function measureLatency(
  publisher: EventPublisher,
  outputs: ShipmentOutputs,
  packages: readonly BenchShipment[],
  ratePerSec: number,
  seconds: number,
): Promise<LatencyResult> {
  const total = Math.min(Math.round(ratePerSec * seconds), packages.length * CARRIER_STATUSES.length);
  const now = Date.now();
  const plan = Array.from({ length: total }, (_, i) => ({
    shipment: packages[i % packages.length] as BenchShipment,
    status: CARRIER_STATUSES[Math.floor(i / packages.length)] as CarrierStatus,
  }));
  const run = await runOpenLoop(ratePerSec, total, (indices) =>
    publisher.publishMany(
      Topics.carrierTracking,
      indices
        .map((i) => plan[i] as (typeof plan)[number])
        .map(({ shipment, status }) => trackingUpdateOf(shipment, status, now))
        .map((value) => ({ key: messageKey(Topics.carrierTracking, value), value })),
    ),
  );
  const keys = plan.map(({ shipment, status }) => milestoneKey(shipment.orderId, status));
  await outputs.channelUpdates.waitFor(keys, 120_000);
  const latencies = keys.map((key, i) => (outputs.channelUpdates.seenAt.get(key) ?? Number.NaN) - (run.scheduledAt[i] ?? Number.NaN));
  return { targetPerSec: ratePerSec, achievedPerSec: run.achievedPerSec, updates: total, ...latencySummary(latencies) };
}
