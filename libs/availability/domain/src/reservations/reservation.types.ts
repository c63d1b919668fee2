import type { ReservationEvent, StockShortage } from '@crossdock/contracts';

export type ReservationStatus = 'OPEN' | 'RELEASED' | 'CONSUMED' | 'EXPIRED';

/**
 * Stable reason codes carried in ReservationEvent.reason (SCREAMING_SNAKE_CASE per the schema).
 * SHORT_PICKED: the warehouse reported units of the line short, so they will never ship from it.
 */
export type ReservationReasonCode = 'ORDER_ACCEPTED' | 'ORDER_CANCELLED' | 'LINE_REROUTED' | 'SHIPPED' | 'SHORT_PICKED' | 'TTL_ELAPSED';

/** One order line's reservation at one location. */
export interface ReservationRecord {
  readonly reservationId: string;
  readonly orderId: string;
  readonly lineId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly channelAccountId: string;
  readonly reservedQuantity: number;
  readonly openQuantity: number;
  readonly status: ReservationStatus;
  readonly expiresAt: number | null;
  /** Monotonic per reservation; the version of its latest event. */
  readonly version: number;
}

/**
 * One accepted order line as the hub holds it once decided: what was asked for, the reservation
 * (null when nothing could be reserved), and the events of the decision, kept verbatim so a
 * redelivered acceptance gets the very same records back.
 */
export interface ReservationLine {
  readonly orderId: string;
  readonly lineId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly channelAccountId: string;
  readonly requestedQuantity: number;
  readonly reservation: ReservationRecord | null;
  readonly reservedEvent: ReservationEvent | null;
  readonly shortageEvent: StockShortage | null;
}

export type LineOutcome = 'RESERVED' | 'PARTIALLY_RESERVED' | 'SHORT';
