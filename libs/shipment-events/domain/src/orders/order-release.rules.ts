import type { OrderAccepted, WarehouseRelease } from '@crossdock/contracts';
import { deriveFulfilmentStatus } from '../fulfilment/fulfilment-status';
import { shipmentIdOf, type OrderLineState, type ShipmentBook, type ShipmentState } from '../model/shipment-book';

/** What the rules need from outside: the clock and fresh event ids. */
export interface RuleContext {
  readonly now: number;
  readonly newEventId: () => string;
}

/**
 * Whether an order outcome (OrderAccepted / OrderCancelled / OrderRejected share one per-order
 * sequence across topics) is to be acted on: only when its sequence is above the highest seen for
 * the order. A lower one is older news that arrived late on another topic.
 */
export function isNewerOutcome(outcomeSequence: number, highestSeen: number | null): boolean {
  return highestSeen === null || outcomeSequence > highestSeen;
}

/**
 * An accepted order's shipment book (status RELEASED, version 1) and its releases: one RELEASE
 * per location that ships lines of it, releaseId '{orderId}@{locationId}', in the order the lines
 * name the locations. The caller writes both once per order: a redelivered OrderAccepted finds the
 * book and changes nothing.
 */
export function releaseAcceptedOrder(accepted: OrderAccepted, ctx: RuleContext): { book: ShipmentBook; releases: WarehouseRelease[] } {
  const lines: OrderLineState[] = accepted.lines.map((l) => ({
    lineId: l.lineId,
    erpLineNumber: l.erpLineNumber,
    sku: l.sku,
    unitOfMeasure: l.unitOfMeasure,
    locationId: l.locationId,
    locationType: l.locationType,
    orderedQuantity: l.quantity,
    pickedQuantity: 0,
    shortQuantity: 0,
    shippedQuantity: 0,
    deliveredQuantity: 0,
    cancelledQuantity: 0,
    erpPostings: [],
  }));
  const locations = [...new Map(lines.map((l) => [l.locationId, l.locationType])).entries()];
  const shipments: ShipmentState[] = locations.map(([locationId, locationType]) => ({
    shipmentId: shipmentIdOf(accepted.orderId, locationId),
    orderId: accepted.orderId,
    locationId,
    locationType,
    releaseStatus: 'PENDING',
    warehouseReference: null,
    cancelLines: [],
  }));
  const releases = shipments.map<WarehouseRelease>((s) => ({
    eventId: ctx.newEventId(),
    causationId: accepted.eventId,
    releaseId: s.shipmentId,
    action: 'RELEASE',
    orderId: accepted.orderId,
    channel: accepted.channel,
    channelAccountId: accepted.channelAccountId,
    channelOrderId: accepted.channelOrderId,
    erpOrderNumber: accepted.erpOrderNumber,
    locationId: s.locationId,
    locationType: s.locationType,
    carrierCode: accepted.carrierService.carrierCode,
    serviceCode: accepted.carrierService.serviceCode,
    shipBy: accepted.carrierService.shipBy,
    shipTo: accepted.shipTo,
    lines: lines
      .filter((l) => l.locationId === s.locationId)
      .map((l) => ({ lineId: l.lineId, sku: l.sku, quantity: l.orderedQuantity, unitOfMeasure: l.unitOfMeasure })),
    reason: null,
    occurredAt: ctx.now,
  }));
  const book: ShipmentBook = {
    order: {
      orderId: accepted.orderId,
      channel: accepted.channel,
      channelAccountId: accepted.channelAccountId,
      channelOrderId: accepted.channelOrderId,
      erpOrderNumber: accepted.erpOrderNumber,
      carrierCode: accepted.carrierService.carrierCode,
      serviceCode: accepted.carrierService.serviceCode,
      acceptedEventId: accepted.eventId,
      status: deriveFulfilmentStatus(lines),
      version: 1,
      lines,
    },
    shipments,
    packages: [],
  };
  return { book, releases };
}
