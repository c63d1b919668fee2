import { Injectable } from '@nestjs/common';
import type { TopicDefinition, TrackingUpdate, WarehouseShipment } from '@crossdock/contracts';
import { OutboxRelay } from '@crossdock/outbox';
import { CarrierDirectory, trackingFactId, warehouseFactId } from '@crossdock/shipment-events/domain';
import type { Prisma, ShipmentFact } from '../generated/prisma/client';
import { shipmentEventsMetrics } from '../metrics/shipment-events.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { FactApplier, type FactResult } from './fact-applier.service';
import { lockOrders, type Tx } from './shipment-book.store';

type NewFact = Omit<Prisma.ShipmentFactCreateManyInput, 'status'>;

/** A fact as received, with the context its work runs in (the message's trace: `InboundBatchItem.run`). */
export interface IncomingFact<T> {
  readonly value: T;
  run<R>(fn: () => Promise<R>): Promise<R>;
}

/**
 * Receives warehouse and tracking facts: each is stored once per business key (a redelivery, a
 * re-read feed page, a re-dropped 945 or a repeated webhook only counts as a duplicate) and run
 * through the rules in the same transaction. Consecutive facts of one partition share that
 * transaction (all or nothing: the transport replays the halves of a failed batch on their own, down
 * to the one fact at fault), one commit for all; each fact is applied as if it came alone.
 */
@Injectable()
export class FactIntakeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applier: FactApplier,
    private readonly carriers: CarrierDirectory,
    private readonly relay: OutboxRelay,
  ) {}

  receiveWarehouseFacts(facts: ReadonlyArray<IncomingFact<WarehouseShipment>>, topic: TopicDefinition): Promise<Array<FactResult | 'DUPLICATE'>> {
    return this.receive(
      facts.map((item) => ({
        item,
        fact: {
          factId: warehouseFactId(item.value),
          kind: 'WAREHOUSE',
          topic: topic.key,
          eventId: item.value.eventId,
          orderId: item.value.orderId,
          payload: item.value as unknown as Prisma.InputJsonValue,
          sourceOccurredAt: new Date(item.value.occurredAt),
        },
      })),
    );
  }

  receiveTrackingUpdates(updates: ReadonlyArray<IncomingFact<TrackingUpdate>>, topic: TopicDefinition): Promise<Array<FactResult | 'DUPLICATE'>> {
    return this.receive(
      updates.map((item) => {
        const update = item.value;
        const carrierCode = this.carriers.resolve(update.carrier)?.code ?? null;
        return {
          item,
          fact: {
            factId: trackingFactId(update, carrierCode ?? update.carrier),
            kind: 'TRACKING',
            topic: topic.key,
            eventId: update.eventId,
            carrierCode,
            trackingNumber: update.trackingCode,
            payload: update as unknown as Prisma.InputJsonValue,
            sourceOccurredAt: new Date(update.occurredAt),
          },
        };
      }),
    );
  }

  private async receive(facts: ReadonlyArray<{ fact: NewFact; item: IncomingFact<unknown> }>): Promise<Array<FactResult | 'DUPLICATE'>> {
    const results = await this.prisma.$transaction(
      async (tx) => {
        // One fact locks its one order itself; several lock theirs up front, in one order.
        if (facts.length > 1) await lockOrders(tx, await this.ordersConcerned(tx, facts));
        const decided: Array<FactResult | 'DUPLICATE'> = [];
        for (const { fact, item } of facts) decided.push(await item.run(() => this.receiveOne(tx, fact)));
        return decided;
      },
      { timeout: 30_000 },
    );
    facts.forEach(({ fact }, i) => {
      const result = results[i];
      if (result === 'DUPLICATE') shipmentEventsMetrics.facts.inc({ kind: fact.kind, outcome: 'DUPLICATE' });
      else for (const done of result?.after ?? []) done();
    });
    if (results.some((r) => r !== 'DUPLICATE')) this.relay.wake();
    return results;
  }

  private async receiveOne(tx: Tx, fact: NewFact): Promise<FactResult | 'DUPLICATE'> {
    const stored = storedFact(fact, new Date());
    const { count } = await tx.shipmentFact.createMany({ data: [{ ...fact, status: stored.status, receivedAt: stored.receivedAt }], skipDuplicates: true });
    if (count === 0) {
      await tx.shipmentFact.update({ where: { factId: fact.factId }, data: { duplicateCount: { increment: 1 } } });
      return 'DUPLICATE';
    }
    return this.applier.apply(tx, stored, 'WAIT');
  }

  /**
   * The orders a batch's facts change, as far as the database tells before they are applied: the
   * warehouse facts' and those of the packages the tracking updates name. Locked up front in one
   * order, so batches of different partitions never wait for each other in a cycle.
   */
  private async ordersConcerned(tx: Tx, received: ReadonlyArray<{ fact: NewFact }>): Promise<string[]> {
    const facts = received.map((r) => r.fact);
    const orders = facts.flatMap((f) => (f.orderId ? [f.orderId] : []));
    const tracked = facts.filter((f) => f.carrierCode && f.trackingNumber);
    if (tracked.length === 0) return orders;
    const rows = await tx.$queryRaw<Array<{ orderId: string }>>`
      SELECT DISTINCT "orderId" FROM "ShipmentPackage"
      WHERE ("carrierCode", "trackingNumber") IN (SELECT * FROM unnest(${tracked.map((f) => f.carrierCode)}::text[], ${tracked.map((f) => f.trackingNumber)}::text[]))`;
    return [...orders, ...rows.map((r) => r.orderId)];
  }
}

/**
 * The row just inserted, as the database holds it, without reading it back: every column is given
 * (receivedAt too) or has its default, and the payload is what JSON storage keeps of the value.
 */
function storedFact(fact: NewFact, receivedAt: Date): ShipmentFact {
  return {
    factId: fact.factId,
    kind: fact.kind,
    topic: fact.topic,
    eventId: fact.eventId,
    orderId: fact.orderId ?? null,
    carrierCode: fact.carrierCode ?? null,
    trackingNumber: fact.trackingNumber ?? null,
    status: 'RECEIVED',
    reason: null,
    detail: null,
    payload: JSON.parse(JSON.stringify(fact.payload)) as Prisma.JsonValue,
    sourceOccurredAt: new Date(fact.sourceOccurredAt),
    receivedAt,
    decidedAt: null,
    duplicateCount: 0,
  };
}
