import { Injectable } from '@nestjs/common';
import type { ShipmentMilestone } from '@crossdock/contracts';
import { writeOutboxEvents, type OutboxRow } from '@crossdock/outbox';
import {
  CarrierDirectory,
  ChannelStatusMappings,
  channelUpdate,
  erpConfirmationRequest,
  fulfilmentRecord,
  milestoneEvent,
  type FactEffects,
  type RuleContext,
  type ShipmentBook,
} from '@crossdock/shipment-events/domain';
import { shipmentRows } from '../outbox/shipment-events.outbox';
import type { Tx } from './shipment-book.store';

/** Something to count once the transaction committed. */
export type AfterCommit = () => void;

/**
 * Writes what a change of an order announces, in its transaction: the package milestones, the
 * channel updates their mappings tell, the order's fulfilment (when it changed), the packages'
 * history, and the ERP confirmation of every package that just shipped.
 */
@Injectable()
export class ShipmentOutputWriter {
  constructor(
    private readonly carriers: CarrierDirectory,
    private readonly mappings: ChannelStatusMappings,
  ) {}

  async writeFactEffects(tx: Tx, book: ShipmentBook, effects: FactEffects, factId: string, ctx: RuleContext): Promise<AfterCommit[]> {
    const rows: OutboxRow[] = [];
    // Milestone lag and update timeliness are measured when the relay publishes them (PublishedLagSampler).
    const after: AfterCommit[] = [];
    const milestones: ShipmentMilestone[] = effects.milestones.map((reached) => milestoneEvent(book, reached, ctx));
    for (const milestone of milestones) {
      rows.push(shipmentRows.milestone(milestone));
      const update = channelUpdate(book, milestone, { carriers: this.carriers, mappings: this.mappings }, ctx);
      if (update) rows.push(shipmentRows.channelUpdate(update));
    }
    if (effects.fulfilmentChanged) rows.push(shipmentRows.fulfilment(fulfilmentRecord(book.order, ctx.now)));
    if (effects.history.length > 0) {
      await tx.packageHistory.createMany({
        data: effects.history.map((h) => ({
          packageReference: h.packageReference,
          factId,
          milestone: h.milestone,
          outcome: h.outcome,
          source: h.source,
          sourceStatus: h.sourceStatus,
          sourceStatusDetail: h.sourceStatusDetail,
          sourceOccurredAt: new Date(h.sourceOccurredAt),
        })),
      });
    }
    for (const packageReference of effects.newlyShipped) {
      const request = erpConfirmationRequest(book, packageReference);
      await tx.erpShipmentConfirmation.createMany({
        data: [{ ...request, shipDate: new Date(request.shipDate), lines: request.lines as unknown as object[] }],
        skipDuplicates: true,
      });
    }
    await writeOutboxEvents(tx, rows);
    return after;
  }

  /** The order's OrderFulfilment record, for changes that are not facts (acceptance, cancellation, ERP posting). */
  async writeFulfilment(tx: Tx, book: ShipmentBook, now: number): Promise<void> {
    await writeOutboxEvents(tx, [shipmentRows.fulfilment(fulfilmentRecord(book.order, now))]);
  }
}
