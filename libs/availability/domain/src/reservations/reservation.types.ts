export type ReservationStatus = 'OPEN' | 'RELEASED' | 'CONSUMED' | 'EXPIRED';

/** Stable reason codes carried in ReservationEvent.reason (SCREAMING_SNAKE_CASE per the schema). */
export type ReservationReasonCode = 'ORDER_ACCEPTED' | 'ORDER_CANCELLED' | 'LINE_REROUTED' | 'SHIPPED' | 'TTL_ELAPSED';

/** One order line's reservation at one location: the row the database will hold. */
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
