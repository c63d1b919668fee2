import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { OrderAccepted, OrderCancelled, WarehouseReleaseOutcome } from '@crossdock/contracts';
import { receiveOnce, OutboxRelay, writeOutboxEvents } from '@crossdock/outbox';
import { applyReleaseOutcome, decideCancellation, isNewerOutcome, releaseAcceptedOrder, ShipmentExceptionReason } from '@crossdock/shipment-events/domain';
import { shipmentRows } from '../outbox/shipment-events.outbox';
import { PrismaService } from '../prisma/prisma.service';
import { FactApplier } from './fact-applier.service';
import { insertBook, loadBook, lockOrder, saveBook, type Tx } from './shipment-book.store';
import { raiseException } from './shipment-exception.store';
import { ShipmentOutputWriter, type AfterCommit } from './shipment-output.writer';

/**
 * The order side: an accepted order becomes its shipment book and one release per location
 * (exactly once: a redelivered or replayed OrderAccepted finds the book), a successful cancellation
 * cancels what was not picked and refuses the rest, and the warehouse's release outcomes keep each
 * release's state. Every change and its events commit together.
 */
@Injectable()
export class OrderLifecycleService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly applier: FactApplier,
    private readonly writer: ShipmentOutputWriter,
    private readonly relay: OutboxRelay,
  ) {}

  /** 'RELEASED' the first time, 'IGNORED' for a redelivery or an acceptance older than a known outcome of the order. */
  async accept(accepted: OrderAccepted, now = Date.now()): Promise<'RELEASED' | 'IGNORED'> {
    return this.run(async (tx) => {
      await lockOrder(tx, accepted.orderId);
      if (!(await this.recordOutcome(tx, accepted.orderId, accepted.outcomeSequence, 'ACCEPTED', accepted.eventId))) return ['IGNORED', []];
      if (await loadBook(tx, accepted.orderId)) return ['IGNORED', []];
      const { book, releases } = releaseAcceptedOrder(accepted, { now, newEventId: randomUUID });
      await insertBook(tx, book);
      await writeOutboxEvents(tx, releases.map(shipmentRows.release));
      await this.writer.writeFulfilment(tx, book, now);
      return ['RELEASED', await this.applier.applyWaitingForOrder(tx, accepted.orderId, now)];
    });
  }

  async cancel(cancelled: OrderCancelled, now = Date.now()): Promise<void> {
    await this.run(async (tx) => {
      await lockOrder(tx, cancelled.orderId);
      const receipt = {
        messageId: cancelled.eventId,
        subject: cancelled.orderId,
        dedupKey: `${cancelled.orderId}#cancelled#${cancelled.outcomeSequence}`,
        outcome: cancelled.status,
        duplicate: false,
      };
      if (!(await receiveOnce(tx, receipt))) return [undefined, []];
      if (!(await this.recordOutcome(tx, cancelled.orderId, cancelled.outcomeSequence, 'CANCELLED', cancelled.eventId))) return [undefined, []];
      const book = await loadBook(tx, cancelled.orderId);
      if (!book) return [undefined, []];
      const decision = decideCancellation(book, cancelled, { now, newEventId: randomUUID });
      const after: AfterCommit[] = [];
      for (const refused of decision.refused) {
        after.push(await raiseException(tx, { ...refused, subject: refused.shipmentId, orderId: book.order.orderId, order: book.order }));
      }
      if (decision.changed) {
        await saveBook(tx, decision.book);
        await writeOutboxEvents(tx, decision.cancels.map(shipmentRows.release));
        await this.writer.writeFulfilment(tx, decision.book, now);
      }
      return [undefined, after];
    });
  }

  async releaseOutcome(outcome: WarehouseReleaseOutcome, now = Date.now()): Promise<void> {
    await this.run(async (tx) => {
      await lockOrder(tx, outcome.orderId);
      const receipt = {
        messageId: outcome.eventId,
        subject: outcome.releaseId,
        dedupKey: `${outcome.releaseId}#${outcome.action}#${outcome.status}`,
        outcome: outcome.status,
        duplicate: false,
      };
      if (!(await receiveOnce(tx, receipt))) return [undefined, []];
      const book = await loadBook(tx, outcome.orderId);
      if (!book) {
        const detail = `${outcome.status} for release ${outcome.releaseId} of an order this service never released`;
        return [
          undefined,
          [await raiseException(tx, { reason: ShipmentExceptionReason.UnknownRelease, detail, subject: outcome.releaseId, orderId: outcome.orderId })],
        ];
      }
      const decision = applyReleaseOutcome(book, outcome);
      await saveBook(tx, decision.book);
      if (decision.changed) await this.writer.writeFulfilment(tx, decision.book, now);
      const after = decision.exception
        ? [await raiseException(tx, { ...decision.exception, subject: outcome.releaseId, orderId: book.order.orderId, order: book.order })]
        : [];
      return [undefined, after];
    });
  }

  /** Keeps the highest outcome sequence per order; false when this one is not newer (nothing to do). */
  private async recordOutcome(tx: Tx, orderId: string, sequence: number, kind: string, eventId: string): Promise<boolean> {
    const seen = await tx.orderOutcome.findUnique({ where: { orderId } });
    if (!isNewerOutcome(sequence, seen?.sequence ?? null)) return false;
    await tx.orderOutcome.upsert({ where: { orderId }, create: { orderId, sequence, kind, eventId }, update: { sequence, kind, eventId } });
    return true;
  }

  private async run<T>(work: (tx: Tx) => Promise<[T, AfterCommit[]]>): Promise<T> {
    const [result, after] = await this.prisma.$transaction(work);
    this.relay.wake();
    for (const done of after) done();
    return result;
  }
}
