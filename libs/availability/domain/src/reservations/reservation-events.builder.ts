import type { ReservationEvent, ReservationEventType, StockShortage } from '@crossdock/contracts';
import { deterministicEventId } from '../shared/event-id.generator';
import type { ReserveLineRequest, ShortageFacts } from './reservation.decision';
import type { ReservationReasonCode, ReservationRecord } from './reservation.types';

/**
 * One reservation per order line and location. Percent-encoding the parts keeps the id
 * unambiguous whatever characters channel order and line ids contain.
 */
export function reservationIdFor(orderId: string, lineId: string, locationId: string): string {
  return [orderId, lineId, locationId].map(encodeURIComponent).join(':');
}

export interface ReservationChange {
  readonly type: Exclude<ReservationEventType, 'UNKNOWN'>;
  /** The quantity this change moves; positive. */
  readonly quantity: number;
  readonly reason: ReservationReasonCode;
  readonly causationId: string | null;
  readonly occurredAt: number;
}

/** The event for a reservation *after* the change was applied (openQuantity, version current). */
export function buildReservationEvent(after: ReservationRecord, change: ReservationChange): ReservationEvent {
  return {
    // The version identifies the change within the reservation, so re-building it re-uses the id.
    eventId: deterministicEventId(`reservation:${after.reservationId}:v${after.version}`),
    causationId: change.causationId,
    type: change.type,
    reservationId: after.reservationId,
    orderId: after.orderId,
    lineId: after.lineId,
    sku: after.sku,
    locationId: after.locationId,
    channelAccountId: after.channelAccountId,
    quantity: change.quantity,
    openQuantity: after.openQuantity,
    reason: change.reason,
    expiresAt: after.expiresAt,
    version: after.version,
    occurredAt: change.occurredAt,
  };
}

export function buildStockShortage(request: ReserveLineRequest, shortage: ShortageFacts, occurredAt: number): StockShortage {
  return {
    eventId: deterministicEventId(`shortage:${[request.orderId, request.lineId, request.causationId].map(encodeURIComponent).join(':')}`),
    causationId: request.causationId,
    orderId: request.orderId,
    lineId: request.lineId,
    sku: request.sku,
    locationId: shortage.locationId,
    channelAccountId: request.channelAccountId,
    requestedQuantity: shortage.requestedQuantity,
    availableQuantity: Math.max(0, shortage.availableQuantity),
    reservedQuantity: shortage.reservedQuantity,
    reason: shortage.reason,
    occurredAt,
  };
}
