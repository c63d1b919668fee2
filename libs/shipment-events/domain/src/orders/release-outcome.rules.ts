import type { WarehouseReleaseOutcome } from '@crossdock/contracts';
import { deriveFulfilmentStatus } from '../fulfilment/fulfilment-status';
import type { ReleaseStatus, ShipmentBook } from '../model/shipment-book';
import { ShipmentExceptionReason } from '../reasons/shipment-reason-codes';

export interface ReleaseOutcomeDecision {
  readonly book: ShipmentBook;
  readonly exception: { readonly reason: ShipmentExceptionReason; readonly detail: string } | null;
  readonly changed: boolean;
}

const STATUS: Readonly<Record<WarehouseReleaseOutcome['status'], ReleaseStatus | null>> = {
  UNKNOWN: null,
  SENT: 'SENT',
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  REJECTED: 'REJECTED',
  CANCELLED: 'CANCELLED',
  CANCEL_REFUSED: 'CANCEL_REFUSED',
};

/**
 * The release's state after a warehouse outcome. REJECTED and CANCEL_REFUSED become exceptions
 * (RELEASE_REJECTED, CANCEL_REFUSED) carrying the warehouse's reason code; a refused cancellation
 * gives the lines it covered back (they will ship after all). An outcome for a release of another
 * order or location is UNKNOWN_RELEASE. An UNKNOWN status changes nothing.
 */
export function applyReleaseOutcome(book: ShipmentBook, outcome: WarehouseReleaseOutcome): ReleaseOutcomeDecision {
  const shipment = book.shipments.find((s) => s.shipmentId === outcome.releaseId);
  if (!shipment) {
    return {
      book,
      changed: false,
      exception: { reason: ShipmentExceptionReason.UnknownRelease, detail: `no release ${outcome.releaseId} for order ${book.order.orderId}` },
    };
  }
  const status = STATUS[outcome.status];
  if (status === null) return { book, exception: null, changed: false };
  const why = `${outcome.reason ?? 'no reason code'}${outcome.detail ? `: ${outcome.detail}` : ''}`;
  const shipments = book.shipments.map((s) =>
    s.shipmentId === shipment.shipmentId ? { ...s, releaseStatus: status, warehouseReference: outcome.warehouseReference ?? s.warehouseReference } : s,
  );
  if (status === 'REJECTED') {
    return {
      book: { ...book, shipments },
      changed: false,
      exception: { reason: ShipmentExceptionReason.ReleaseRejected, detail: `${outcome.action} ${outcome.releaseId} rejected (${why})` },
    };
  }
  if (status === 'CANCEL_REFUSED') {
    const lines = book.order.lines.map((l) => {
      const given = shipment.cancelLines.find((c) => c.lineId === l.lineId && l.locationId === shipment.locationId);
      return given ? { ...l, cancelledQuantity: Math.max(0, l.cancelledQuantity - given.quantity) } : l;
    });
    const restored = shipment.cancelLines.length > 0;
    const order = restored ? { ...book.order, lines, status: deriveFulfilmentStatus(lines), version: book.order.version + 1 } : book.order;
    return {
      book: { ...book, order, shipments: shipments.map((s) => (s.shipmentId === shipment.shipmentId ? { ...s, cancelLines: [] } : s)) },
      changed: restored,
      exception: { reason: ShipmentExceptionReason.CancelRefused, detail: `cancellation of ${outcome.releaseId} refused by the warehouse (${why})` },
    };
  }
  return { book: { ...book, shipments }, exception: null, changed: false };
}
