import { Injectable } from '@nestjs/common';
import { Topics, type WarehouseShipment } from '@crossdock/contracts';
import { outboxRow, writeOutboxEvents, type OutboxRow } from '@crossdock/outbox';
import { PrismaService } from '../prisma/prisma.service';

/** A 945 interchange as received: who sent it, its ISA13, the file, and the 997 we answer with. */
export interface ReceivedInterchange {
  readonly locationId: string;
  readonly sender: string;
  readonly interchangeControl: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly acknowledgement: string | null;
}

/**
 * What the 3PLs reported in their 945s. A file is recorded once per sender and ISA13, and each
 * shipment in it once per fact key; only a shipment recorded for the first time goes into the
 * outbox (Topics.thirdPartyShipments), in the same transaction, so a re-dropped file, the same
 * shipment re-sent under a new ISA13, or a file handled again after a crash publishes nothing twice.
 * A shipment is published in the trace of its release when the release came through here.
 */
@Injectable()
export class ShipmentAdviceRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** The interchange as first received, when this sender's ISA13 was seen before. */
  received(locationId: string, sender: string, interchangeControl: string): Promise<ReceivedInterchange | null> {
    return this.prisma.thirdPartyInterchange.findUnique({
      where: { locationId_sender_interchangeControl: { locationId, sender, interchangeControl } },
    });
  }

  /**
   * Records the interchange and its shipments, writing an outbox event for each shipment not known
   * before. Returns how many were new; 0 when another instance recorded the interchange first.
   */
  async record(interchange: ReceivedInterchange, shipments: readonly WarehouseShipment[]): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const first = await tx.thirdPartyInterchange.createMany({ data: [interchange], skipDuplicates: true });
      if (first.count === 0) return 0;
      const rows: OutboxRow[] = [];
      for (const shipment of shipments) {
        const stored = await tx.thirdPartyShipmentFact.createMany({
          data: [
            {
              factKey: shipment.factKey,
              eventId: shipment.eventId,
              orderId: shipment.orderId,
              releaseId: shipment.releaseId,
              locationId: shipment.locationId,
              interchangeControl: interchange.interchangeControl,
            },
          ],
          skipDuplicates: true,
        });
        if (stored.count === 0) continue;
        // The shipment continues the trace of the release it answers (and so of the accepted order).
        const release = shipment.releaseId
          ? await tx.warehouseReleaseRecord.findUnique({
              where: { releaseId_action: { releaseId: shipment.releaseId, action: 'RELEASE' } },
              select: { traceparent: true },
            })
          : null;
        const stamp = release?.traceparent ? { stamp: { traceparent: release.traceparent, correlationId: shipment.orderId } } : {};
        rows.push(outboxRow(Topics.thirdPartyShipments, shipment, { eventId: shipment.eventId, ...stamp }));
      }
      await writeOutboxEvents(tx, rows);
      return rows.length;
    });
  }

  /** The first shipment the 3PL reported for a release, if any: a cancellation after it is refused. */
  shippedFor(releaseId: string): Promise<{ factKey: string; receivedAt: Date } | null> {
    return this.prisma.thirdPartyShipmentFact.findFirst({ where: { releaseId }, orderBy: { receivedAt: 'asc' }, select: { factKey: true, receivedAt: true } });
  }
}
