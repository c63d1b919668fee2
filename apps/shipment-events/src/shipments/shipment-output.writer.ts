import { Injectable } from '@nestjs/common';
import type { ShipmentMilestone } from '@crossdock/contracts';
import { outboxBulkRows, writeOutboxEvents, type OutboxRow } from '@crossdock/outbox';
import { bulkInsertAll, type BulkRows } from '@crossdock/persistence';
import {
  CarrierDirectory,
  ChannelStatusMappings,
  channelUpdate,
  erpConfirmationRequest,
  fulfilmentRecord,
  milestoneEvent,
  type FactEffects,
  type HistoryEntry,
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
    if (effects.newlyShipped.length > 0) {
      await tx.erpShipmentConfirmation.createMany({
        data: effects.newlyShipped.map((packageReference) => {
          const request = erpConfirmationRequest(book, packageReference);
          return { ...request, shipDate: new Date(request.shipDate), lines: request.lines as unknown as object[] };
        }),
        skipDuplicates: true,
      });
    }
    // The history and the events in one statement: one round trip per fact, not one per table.
    const writtenAt = new Date();
    await bulkInsertAll(tx, [historyRows(effects.history, factId, writtenAt), outboxBulkRows(rows, writtenAt)]);
    return after;
  }

  /** The order's OrderFulfilment record, for changes that are not facts (acceptance, cancellation, ERP posting). */
  async writeFulfilment(tx: Tx, book: ShipmentBook, now: number): Promise<void> {
    await writeOutboxEvents(tx, [shipmentRows.fulfilment(fulfilmentRecord(book.order, now))]);
  }
}

/** PackageHistory rows for a bulk insert (columns as in prisma/schema.prisma; recordedAt spelled out, as Prisma would fill it). */
function historyRows(history: readonly HistoryEntry[], factId: string, recordedAt: Date): BulkRows {
  return {
    table: 'PackageHistory',
    columns: {
      packageReference: 'text',
      factId: 'text',
      milestone: 'text',
      outcome: 'text',
      source: 'text',
      sourceStatus: 'text',
      sourceStatusDetail: 'text',
      sourceOccurredAt: 'timestamp',
      recordedAt: 'timestamp',
    },
    rows: history.map((h) => ({
      packageReference: h.packageReference,
      factId,
      milestone: h.milestone,
      outcome: h.outcome,
      source: h.source,
      sourceStatus: h.sourceStatus,
      sourceStatusDetail: h.sourceStatusDetail,
      sourceOccurredAt: new Date(h.sourceOccurredAt),
      recordedAt,
    })),
  };
}
