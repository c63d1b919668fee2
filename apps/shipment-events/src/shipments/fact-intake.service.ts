import { Injectable } from '@nestjs/common';
import type { TopicDefinition, TrackingUpdate, WarehouseShipment } from '@crossdock/contracts';
import { OutboxRelay } from '@crossdock/outbox';
import { CarrierDirectory, trackingFactId, warehouseFactId } from '@crossdock/shipment-events/domain';
import type { Prisma } from '../generated/prisma/client';
import { shipmentEventsMetrics } from '../metrics/shipment-events.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { FactApplier, type FactResult } from './fact-applier.service';

type NewFact = Omit<Prisma.ShipmentFactCreateManyInput, 'status'>;

/**
 * Receives warehouse and tracking facts: each is stored once per business key (a redelivery, a
 * re-read feed page, a re-dropped 945 or a repeated webhook only counts as a duplicate) and run
 * through the rules in the same transaction.
 */
@Injectable()
export class FactIntakeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applier: FactApplier,
    private readonly carriers: CarrierDirectory,
    private readonly relay: OutboxRelay,
  ) {}

  receiveWarehouseFact(fact: WarehouseShipment, topic: TopicDefinition): Promise<FactResult | 'DUPLICATE'> {
    return this.receive({
      factId: warehouseFactId(fact),
      kind: 'WAREHOUSE',
      topic: topic.key,
      eventId: fact.eventId,
      orderId: fact.orderId,
      payload: fact as unknown as Prisma.InputJsonValue,
      sourceOccurredAt: new Date(fact.occurredAt),
    });
  }

  receiveTrackingUpdate(update: TrackingUpdate, topic: TopicDefinition): Promise<FactResult | 'DUPLICATE'> {
    const carrierCode = this.carriers.resolve(update.carrier)?.code ?? null;
    return this.receive({
      factId: trackingFactId(update, carrierCode ?? update.carrier),
      kind: 'TRACKING',
      topic: topic.key,
      eventId: update.eventId,
      carrierCode,
      trackingNumber: update.trackingCode,
      payload: update as unknown as Prisma.InputJsonValue,
      sourceOccurredAt: new Date(update.occurredAt),
    });
  }

  private async receive(fact: NewFact): Promise<FactResult | 'DUPLICATE'> {
    const result = await this.prisma.$transaction(async (tx) => {
      const { count } = await tx.shipmentFact.createMany({ data: [{ ...fact, status: 'RECEIVED' }], skipDuplicates: true });
      if (count === 0) {
        await tx.shipmentFact.update({ where: { factId: fact.factId }, data: { duplicateCount: { increment: 1 } } });
        return 'DUPLICATE' as const;
      }
      const stored = await tx.shipmentFact.findUniqueOrThrow({ where: { factId: fact.factId } });
      return this.applier.apply(tx, stored, 'WAIT');
    });
    if (result === 'DUPLICATE') {
      shipmentEventsMetrics.facts.inc({ kind: fact.kind, outcome: 'DUPLICATE' });
      return result;
    }
    this.relay.wake();
    for (const done of result.after) done();
    return result;
  }
}
