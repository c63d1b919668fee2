import type { OrderCancelled, ReleaseLine, WarehouseRelease } from '@crossdock/contracts';
import { deriveFulfilmentStatus } from '../fulfilment/fulfilment-status';
import type { OrderLineState, ShipmentBook, ShipmentState } from '../model/shipment-book';
import { ShipmentExceptionReason } from '../reasons/shipment-reason-codes';
import type { RuleContext } from './order-release.rules';

/** A cancellation the rules refused for one location, as an exception to raise. */
export interface RefusedCancellation {
  readonly shipmentId: string;
  readonly reason: typeof ShipmentExceptionReason.CancelAfterPick;
  readonly detail: string;
}

export interface CancellationDecision {
  readonly book: ShipmentBook;
  readonly cancels: readonly WarehouseRelease[];
  readonly refused: readonly RefusedCancellation[];
  /** Whether the order's fulfilment changed (a new OrderFulfilment version to publish). */
  readonly changed: boolean;
}

/** Only CANCELLED and PARTIALLY_CANCELLED outcomes cancelled anything (NOT_CANCELLABLE and UNKNOWN did not). */
export function cancellationTookEffect(cancelled: OrderCancelled): boolean {
  return (cancelled.status === 'CANCELLED' || cancelled.status === 'PARTIALLY_CANCELLED') && cancelled.cancelledLines.length > 0;
}

/** Picking began at a location when a line there was picked, shipped or reported short, or a package exists for it. */
function pickingBegan(book: ShipmentBook, shipment: ShipmentState): boolean {
  const lines = book.order.lines.filter((l) => l.locationId === shipment.locationId);
  return (
    lines.some((l) => l.pickedQuantity > 0 || l.shippedQuantity > 0 || l.shortQuantity > 0) || book.packages.some((p) => p.shipmentId === shipment.shipmentId)
  );
}

/**
 * What a successful cancellation does, location by location: where nothing of the release was
 * picked, a CANCEL release for the lines it covers (at most what is still open) and the lines'
 * cancelled quantities; where picking began, nothing is cancelled and a CANCEL_AFTER_PICK exception
 * says why. Lines the order does not have are ignored (order-ingest cancelled them before release).
 */
export function decideCancellation(book: ShipmentBook, cancelled: OrderCancelled, ctx: RuleContext): CancellationDecision {
  if (!cancellationTookEffect(cancelled)) return { book, cancels: [], refused: [], changed: false };
  const cancels: WarehouseRelease[] = [];
  const refused: RefusedCancellation[] = [];
  let lines: OrderLineState[] = [...book.order.lines];
  let shipments: ShipmentState[] = [...book.shipments];
  for (const shipment of book.shipments) {
    const covered: ReleaseLine[] = [];
    for (const c of cancelled.cancelledLines) {
      const line = lines.find((l) => l.lineId === c.lineId && l.locationId === shipment.locationId);
      if (!line) continue;
      const open = line.orderedQuantity - line.cancelledQuantity;
      const quantity = Math.min(open, c.quantity);
      if (quantity > 0) covered.push({ lineId: line.lineId, sku: line.sku, quantity, unitOfMeasure: line.unitOfMeasure });
    }
    if (covered.length === 0) continue;
    if (pickingBegan(book, shipment)) {
      refused.push({
        shipmentId: shipment.shipmentId,
        reason: ShipmentExceptionReason.CancelAfterPick,
        detail: `cancellation ${cancelled.eventId} of lines ${covered.map((l) => l.lineId).join(', ')} refused: picking began at ${shipment.locationId}`,
      });
      continue;
    }
    lines = lines.map((l) => {
      const c = covered.find((x) => x.lineId === l.lineId && l.locationId === shipment.locationId);
      return c ? { ...l, cancelledQuantity: l.cancelledQuantity + c.quantity } : l;
    });
    shipments = shipments.map((s) => (s.shipmentId === shipment.shipmentId ? { ...s, releaseStatus: 'CANCEL_REQUESTED', cancelLines: covered } : s));
    cancels.push({
      eventId: ctx.newEventId(),
      causationId: cancelled.eventId,
      releaseId: shipment.shipmentId,
      action: 'CANCEL',
      orderId: book.order.orderId,
      channel: book.order.channel,
      channelAccountId: book.order.channelAccountId,
      channelOrderId: book.order.channelOrderId,
      erpOrderNumber: book.order.erpOrderNumber,
      locationId: shipment.locationId,
      locationType: shipment.locationType,
      carrierCode: book.order.carrierCode,
      serviceCode: book.order.serviceCode,
      shipBy: null,
      shipTo: null,
      lines: covered,
      reason: cancelled.reasonCode,
      occurredAt: ctx.now,
    });
  }
  if (cancels.length === 0) return { book, cancels, refused, changed: false };
  const order = { ...book.order, lines, status: deriveFulfilmentStatus(lines), version: book.order.version + 1 };
  return { book: { ...book, order, shipments }, cancels, refused, changed: true };
}
