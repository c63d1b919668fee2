import { Injectable } from '@nestjs/common';
import { recordPosting } from '@crossdock/shipment-events/domain';
import { loadBook, lockOrder, saveBook, type Tx } from './shipment-book.store';
import { ShipmentOutputWriter } from './shipment-output.writer';

/** The ERP's goods issue for one shipped package. */
export interface ErpPosting {
  /** ErpShipmentConfirmation.packageReference ('{sourceSystem}:{source package reference}'). */
  readonly packageReference: string;
  /** The ERP's fulfilment / goods-issue document number. */
  readonly erpDocumentNumber: string;
  /** When the ERP posted it, by the ERP's clock (epoch ms). */
  readonly postedAt: number;
}

export interface ErpPostingResult {
  /** False when the confirmation was already CONFIRMED (a retried drain): nothing changed. */
  readonly recorded: boolean;
  /** The OrderFulfilment version written with the posting (null when nothing was written). */
  readonly fulfilmentVersion: number | null;
}

/**
 * Records the ERP's confirmation of a shipped package in the caller's transaction: the
 * ErpShipmentConfirmation row becomes CONFIRMED (with the document number and posting time) and
 * the order's OrderFulfilment is written to the outbox with the lines' erpPostings filled, so the
 * confirmation and its announcement commit together. Idempotent per package. The caller commits
 * and then wakes the OutboxRelay (or the relay finds the row within OUTBOX_POLL_MS).
 */
@Injectable()
export class ErpPostingRecorder {
  constructor(private readonly writer: ShipmentOutputWriter) {}

  async recordErpPosting(tx: Tx, posting: ErpPosting, now = Date.now()): Promise<ErpPostingResult> {
    const row = await tx.erpShipmentConfirmation.findUnique({ where: { packageReference: posting.packageReference } });
    if (!row) throw new Error(`no ERP shipment confirmation for package ${posting.packageReference}`);
    await lockOrder(tx, row.orderId);
    const { count } = await tx.erpShipmentConfirmation.updateMany({
      where: { packageReference: posting.packageReference, status: { not: 'CONFIRMED' } },
      data: {
        status: 'CONFIRMED',
        erpDocumentNumber: posting.erpDocumentNumber,
        postedAt: new Date(posting.postedAt),
        confirmedAt: new Date(now),
        lastError: null,
      },
    });
    if (count === 0) return { recorded: false, fulfilmentVersion: null };
    const book = await loadBook(tx, row.orderId);
    const pkg = book?.packages.find((p) => p.packageReference === posting.packageReference);
    if (!book || !pkg) throw new Error(`package ${posting.packageReference} of order ${row.orderId} is not in its book`);
    const order = recordPosting(book.order, pkg, posting);
    if (!order) return { recorded: true, fulfilmentVersion: null };
    const next = { ...book, order };
    await saveBook(tx, next);
    await this.writer.writeFulfilment(tx, next, now);
    return { recorded: true, fulfilmentVersion: order.version };
  }
}
