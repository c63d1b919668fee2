import { Injectable } from '@nestjs/common';
import type { ErpPermanentError, ErpShipmentConfirmation } from '@crossdock/erp/domain';
import type { ErpShipmentConfirmation as QueuedConfirmation } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { ErpPostingRecorder, type ErpPostingResult } from '../shipments/erp-posting.recorder';
import { lockOrder } from '../shipments/shipment-book.store';

/**
 * Why a refused ship confirmation is an exception (`ShipmentException.reason`): the ERP refused the
 * goods issue for good (no such order, over-shipment against its order, a cancelled order, …); the
 * detail carries the ERP's code and reasons.
 */
export const ERP_REJECTED = 'ERP_REJECTED';

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
   * ERP_REJECTED exception for operations, in one transaction under the order's lock. Returns false when
   * the row was no longer pending (nothing raised).
   */
  async refused(row: QueuedConfirmation, error: ErpPermanentError): Promise<boolean> {
    const detail = [`${error.code}: ${error.message}`, ...error.details].join('; ').slice(0, MAX_ERROR_CHARS);
    return this.prisma.$transaction(async (tx) => {
      await lockOrder(tx, row.orderId);
      const { count } = await tx.erpShipmentConfirmation.updateMany({
        where: { packageReference: row.packageReference, status: 'PENDING' },
        data: { status: 'FAILED', attempts: row.attempts + 1, lastError: detail },
      });
      if (count === 0) return false;
      const order = await tx.shipmentOrder.findUnique({ where: { orderId: row.orderId }, select: { channel: true, channelAccountId: true } });
      await tx.shipmentException.create({
        data: {
          reason: ERP_REJECTED,
          status: 'OPEN',
          subject: row.packageReference,
          orderId: row.orderId,
          channel: order?.channel ?? null,
          channelAccountId: order?.channelAccountId ?? null,
          detail: `ERP refused the goods issue of package ${row.packageReference}: ${detail}`,
        },
      });
      return true;
    });
  }
}
