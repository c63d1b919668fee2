import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import { topicName, Topics, type DeadLetter, type InventoryPosition, type TopicDefinition } from '@crossdock/contracts';
import type { AvroSerde } from '@crossdock/messaging';
import type { AvailabilityFact, ChannelOrderFact, DeadLetterFact, OutcomeFact, PositionFact, ReservationFact } from './day-facts';
import type { ChannelUpdateFact, ConsumptionFact, FulfilmentLineFact, MilestoneFact, RecordedInput } from './shipment-summary';

/** W3C traceparent `00-<trace id>-<span id>-<flags>` -> the trace id. */
export function traceIdOf(traceparent: string | undefined): string | null {
  const match = traceparent ? /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/.exec(traceparent.trim()) : null;
  return match?.[1] ?? null;
}

type Handler = { contract: TopicDefinition<unknown>; handle: (value: unknown, at: number, headers: Record<string, string>) => void };

/**
 * The demo's view of the hub: every record of the topics it reports on, decoded, kept as facts.
 * Reads from the beginning: positions and reservations keep their whole history (the stock
 * invariant needs it), the order-side records only those written since `since` (earlier demo runs
 * share the default topics).
 */
export class FactsRecorder {
  readonly channelOrders: ChannelOrderFact[] = [];
  readonly outcomes: OutcomeFact[] = [];
  readonly availability: AvailabilityFact[] = [];
  readonly reservations: ReservationFact[] = [];
  readonly positions: PositionFact[] = [];
  shortages = 0;
  readonly milestones: MilestoneFact[] = [];
  readonly channelUpdates: ChannelUpdateFact[] = [];
  readonly consumptions: ConsumptionFact[] = [];
  readonly reserved: ConsumptionFact[] = [];
  readonly deadLetters: DeadLetterFact[] = [];
  /** Event ids of the records kept once per event: a record on the wire twice (the outbox relay retried after a lost acknowledgement) is one fact. */
  private readonly eventIds = new Set<string>();
  /** Per `topic:partition`, the next offset to read. */
  private readonly readUpTo = new Map<string, bigint>();
  /** Warehouse and carrier facts as shipment-events received them (every delivery). */
  readonly shipmentInputs: RecordedInput[] = [];
  /** Invoices the ERP posted (through erp-connector): invoice number -> package references billed. */
  readonly invoices = new Map<string, string[]>();
  /** The newest fulfilment record per order (the topic is compacted). */
  private readonly fulfilmentByOrder = new Map<string, { version: number; status: string; lines: FulfilmentLineFact[] }>();
  private consumer: Consumer | undefined;
  private groupId = '';
  private stopped = false;
  private topics: string[] = [];

  constructor(
    readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    readonly namespace: string,
    readonly since: number,
  ) {}

  async start(): Promise<void> {
    const handlers = new Map<string, Handler>();
    const on = <T>(contract: TopicDefinition<T>, handle: (value: T, at: number, headers: Record<string, string>) => void) =>
      handlers.set(topicName(contract, this.namespace), { contract, handle } as unknown as Handler);
    on(
      Topics.channelOrders,
      (v, at, h) =>
        at >= this.since &&
        this.channelOrders.push({
          orderId: v.orderId,
          eventId: v.eventId,
          channelAccountId: v.channelAccountId,
          channelOrderId: v.channelOrderId,
          at,
          traceId: traceIdOf(h['traceparent']),
        }),
    );
    on(
      Topics.ordersAccepted,
      (v, at, h) =>
        at >= this.since &&
        this.outcomes.push({
          orderId: v.orderId,
          outcomeSequence: v.outcomeSequence,
          kind: 'ACCEPTED',
          reasons: [],
          erpOrderNumber: v.erpOrderNumber,
          at,
          traceId: traceIdOf(h['traceparent']),
        }),
    );
    on(
      Topics.ordersRejected,
      (v, at, h) =>
        at >= this.since &&
        this.outcomes.push({
          orderId: v.orderId,
          outcomeSequence: v.outcomeSequence,
          kind: v.disposition === 'HELD' ? 'HELD' : 'REJECTED',
          reasons: v.issues.map((i) => i.reasonCode),
          erpOrderNumber: null,
          at,
          traceId: traceIdOf(h['traceparent']),
        }),
    );
    on(
      Topics.orderCancellations,
      (v, at, h) =>
        at >= this.since &&
        this.outcomes.push({
          orderId: v.orderId,
          outcomeSequence: v.outcomeSequence,
          kind: 'CANCELLED',
          reasons: [v.reasonCode],
          erpOrderNumber: v.erpOrderNumber,
          at,
          traceId: traceIdOf(h['traceparent']),
        }),
    );
    on(
      Topics.channelAvailability,
      (v, at) =>
        at >= this.since &&
        this.availability.push({
          at,
          sku: v.sku,
          channelAccountId: v.channelAccountId,
          onHandAt: Object.fromEntries(v.locations.map((l) => [l.locationId, l.onHand])),
        }),
    );
    on(Topics.reservations, (v, at) => {
      this.reservations.push({
        reservationId: v.reservationId,
        orderId: v.orderId,
        lineId: v.lineId,
        sku: v.sku,
        locationId: v.locationId,
        openQuantity: v.openQuantity,
        version: v.version,
        at,
      });
      const fresh = !this.seenBefore(v.eventId);
      const fact = { eventId: v.eventId, orderId: v.orderId, lineId: v.lineId, quantity: v.quantity };
      if (fresh && v.type === 'CONSUMED' && at >= this.since) this.consumptions.push(fact);
      if (fresh && v.type === 'RESERVED' && at >= this.since) this.reserved.push(fact);
    });
    on(Topics.shipmentMilestones, (v, at) => {
      if (at < this.since || this.seenBefore(v.eventId)) return;
      this.milestones.push({
        orderId: v.orderId,
        packageReference: v.packageReference,
        milestone: v.milestone,
        causationId: v.causationId,
        sourceOccurredAt: v.sourceOccurredAt,
        at,
      });
    });
    on(Topics.channelShipmentUpdates, (v, at) => {
      if (at < this.since || this.seenBefore(v.eventId)) return;
      this.channelUpdates.push({ channel: v.channel, milestone: v.milestone, fallbackUsed: v.fallbackUsed, sourceOccurredAt: v.sourceOccurredAt, at });
    });
    on(Topics.orderFulfilment, (v, at) => {
      if (at < this.since) return;
      const known = this.fulfilmentByOrder.get(v.orderId);
      if (known && known.version >= v.version) return;
      const lines = v.lines.map((l) => ({ orderId: v.orderId, lineId: l.lineId, shippedQuantity: l.shippedQuantity, deliveredQuantity: l.deliveredQuantity }));
      this.fulfilmentByOrder.set(v.orderId, { version: v.version, status: v.status, lines });
    });
    on(Topics.erpInvoices, (v, at) => {
      if (at < this.since || v.documentType !== 'INVOICE') return;
      this.invoices.set(
        v.invoiceNumber,
        v.lines.map((l) => l.packageReference).filter((p): p is string => p !== null),
      );
    });
    on(Topics.wmsShipments, (v, at) => at >= this.since && this.shipmentInputs.push({ eventId: v.eventId, source: 'WMS', at }));
    on(Topics.thirdPartyShipments, (v, at) => at >= this.since && this.shipmentInputs.push({ eventId: v.eventId, source: 'THIRD_PARTY_LOGISTICS', at }));
    on(Topics.carrierTracking, (v, at) => at >= this.since && this.shipmentInputs.push({ eventId: v.eventId, source: 'CARRIER', at }));
    on(Topics.stockShortages, (_v, at) => {
      if (at >= this.since) this.shortages++;
    });
    const position = (source: PositionFact['source']) => (v: InventoryPosition, at: number) =>
      this.positions.push({
        source,
        sku: v.sku,
        locationId: v.locationId,
        onHand: v.onHand,
        inbound: v.inbound.reduce((sum, i) => sum + i.quantity, 0),
        version: v.version,
        asOf: v.asOf,
        at,
      });
    // Every service's dead-letter topic: the day's Kafka messages are all valid, so each one here is a finding.
    for (const [name, contract] of Object.entries(Topics)) {
      if (!name.endsWith('DeadLetters')) continue;
      on(contract as TopicDefinition<DeadLetter>, (v, at) => {
        if (at < this.since) return;
        this.deadLetters.push({
          deadLetterTopic: name,
          sourceTopic: v.sourceTopic,
          errorCode: v.errorCode,
          errorMessage: v.errorMessage,
          hasOriginalBytes: v.value !== null && v.value.length > 0,
        });
      });
    }
    on(Topics.erpInventoryPositions, position('ERP'));
    on(Topics.wmsInventoryPositions, position('WMS'));

    this.groupId = `${this.namespace}demo-facts-${randomUUID()}`;
    this.topics = [...handlers.keys()];
    await this.follow(handlers);
  }

  /**
   * Reads every recorded topic in its consumer group. A consumer kafkajs will not restart (a
   * broker that does not host a partition yet while it recovers from a chaos run's restart) is
   * replaced by a new one in the same group, which resumes from the offsets committed so far.
   */
  private async follow(handlers: ReadonlyMap<string, Handler>): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: this.groupId, maxWaitTimeInMs: 100 });
    this.consumer = consumer;
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.stopped) return;
      console.log(`[demo] the facts recorder's consumer stopped (${payload.error.message}); following again from its committed offsets`);
      void consumer
        .disconnect()
        .catch(() => undefined)
        .then(() => this.follow(handlers))
        .catch(() => undefined);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [...handlers.keys()], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const entry = handlers.get(topic);
        // A tombstone has nothing to report.
        if (entry && message.value !== null) {
          const { value } = await this.serde.decode(entry.contract, message.value);
          const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, header]) => [name, String(header)]));
          entry.handle(value, Number(message.timestamp), headers);
        }
        this.readUpTo.set(`${topic}:${partition}`, BigInt(message.offset) + 1n);
      },
    });
  }

  /**
   * Resolves once every record written so far to the recorded topics has been read: the facts are
   * then complete up to this moment (under load, or after a broker restart, the recorder can be far
   * behind the hub). False when `timeoutMs` passed first.
   */
  async caughtUp(timeoutMs: number): Promise<boolean> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends: Array<[string, bigint]> = [];
      for (const topic of this.topics) {
        for (const p of await admin.fetchTopicOffsets(topic)) if (BigInt(p.high) > BigInt(p.low)) ends.push([`${topic}:${p.partition}`, BigInt(p.high)]);
      }
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (ends.every(([key, high]) => (this.readUpTo.get(key) ?? 0n) >= high)) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await admin.disconnect();
    }
  }

  private seenBefore(eventId: string): boolean {
    if (this.eventIds.has(eventId)) return true;
    this.eventIds.add(eventId);
    return false;
  }

  /** The newest fulfilment line of every order recorded. */
  get fulfilment(): FulfilmentLineFact[] {
    return [...this.fulfilmentByOrder.values()].flatMap((f) => f.lines);
  }

  fulfilmentStatus(orderId: string): string | undefined {
    return this.fulfilmentByOrder.get(orderId)?.status;
  }

  /** Disconnects and deletes its consumer group: a demo run leaves nothing behind on the broker. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (!this.consumer) return;
    await this.consumer.disconnect();
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteGroups([this.groupId]);
    } catch {
      // the group is empty and expires on its own; not worth failing the summary for
    } finally {
      await admin.disconnect();
    }
  }
}
