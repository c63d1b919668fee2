import { Injectable } from '@nestjs/common';
import type { SalesChannel } from '@crossdock/contracts';
import type { ErpPermanentError, ErpShipmentConfirmation } from '@crossdock/erp/domain';
import { ShipmentExceptionReason } from '@crossdock/shipment-events/domain';
import type { ErpShipmentConfirmation as QueuedConfirmation } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { ErpPostingRecorder, type ErpPostingResult } from '../shipments/erp-posting.recorder';
import { lockOrder } from '../shipments/shipment-book.store';
import { raiseException } from '../shipments/shipment-exception.store';
import type { AfterCommit } from '../shipments/shipment-output.writer';

const MAX_ERROR_CHARS = 2_000;

/** The ERP ship-confirmation queue (ErpShipmentConfirmation rows) as the drainer reads and settles it. */
@Injectable()
export class ErpConfirmationQueueRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly recorder: ErpPostingRecorder,
  ) {}

  /** The oldest unconfirmed packages not already in flight, oldest first. */
  pending(limit: number, inFlight: readonly string[]): Promise<QueuedConfirmation[]> {
    return this.prisma.erpShipmentConfirmation.findMany({
      where: { status: 'PENDING', packageReference: { notIn: [...inFlight] } },
      orderBy: [{ createdAt: 'asc' }, { packageReference: 'asc' }],
      take: limit,
    });
  }

  /**
   * The ERP's goods issue recorded in one transaction with the queue row becoming CONFIRMED and the
   * order's fulfilment record in the outbox (recordErpPosting). A crash before this commits leaves the
   * row PENDING: it is sent again and the ERP answers with the same goods issue.
   */
  confirmed(row: QueuedConfirmation, answer: ErpShipmentConfirmation): Promise<ErpPostingResult> {
    return this.prisma.$transaction((tx) =>
      this.recorder.recordErpPosting(tx, { packageReference: row.packageReference, erpDocumentNumber: answer.erpDocumentNumber, postedAt: answer.postedAt }),
    );
  }

  /** Keeps the package queued (same place: its createdAt is unchanged) until `notBefore`. */
  async reschedule(row: QueuedConfirmation, attempts: number, notBefore: number | null, error: string): Promise<void> {
    await this.prisma.erpShipmentConfirmation.updateMany({
      where: { packageReference: row.packageReference, status: 'PENDING' },
      data: { attempts, nextAttemptAt: new Date(notBefore ?? Date.now()), lastError: error.slice(0, MAX_ERROR_CHARS) },
    });
  }

  /**
   * The ERP refused the package for good: out of the queue (FAILED, with the ERP's answer) and an
   * ERP_REJECTED exception for operations, in one transaction under the order's lock. Returns what to
   * count once it committed, or null when the row was no longer pending (nothing raised).
   */
  async refused(row: QueuedConfirmation, error: ErpPermanentError): Promise<AfterCommit | null> {
    const detail = [`${error.code}: ${error.message}`, ...error.details].join('; ').slice(0, MAX_ERROR_CHARS);
    return this.prisma.$transaction(async (tx) => {
      await lockOrder(tx, row.orderId);
      const { count } = await tx.erpShipmentConfirmation.updateMany({
        where: { packageReference: row.packageReference, status: 'PENDING' },
        data: { status: 'FAILED', attempts: row.attempts + 1, lastError: detail },
      });
      if (count === 0) return null;
      const order = await tx.shipmentOrder.findUnique({ where: { orderId: row.orderId }, select: { channel: true, channelAccountId: true } });
      return raiseException(tx, {
        reason: ShipmentExceptionReason.ErpRejected,
        subject: row.packageReference,
        orderId: row.orderId,
        order: order ? { channel: order.channel as SalesChannel, channelAccountId: order.channelAccountId } : null,
        detail: `ERP refused the goods issue of package ${row.packageReference}: ${detail}`,
      });
    });
  }
}
