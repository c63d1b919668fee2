import type { OrderAccepted, OrderCancelled } from '@crossdock/contracts';
import type { ReserveLineRequest } from './reservation.decision';
import type { ReservationChangeCommand } from './reservation.transitions';

/** Quantities are held as 32-bit integers wherever a line is stored. */
export const MAX_LINE_QUANTITY = 2_147_483_647;

export type OrderReservationPlan =
  | { readonly kind: 'RESERVE'; readonly lines: readonly ReserveLineRequest[] }
  | { readonly kind: 'REFUSED'; readonly code: 'INVALID_QUANTITY'; readonly message: string };

/**
 * One reservation request per line of an accepted order, at the location order-ingest routed it
 * to. An order with a line whose quantity is not a positive whole number is refused whole,
 * before any line is decided.
 */
export function planOrderReservation(order: OrderAccepted): OrderReservationPlan {
  for (const [index, line] of order.lines.entries()) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0 || line.quantity > MAX_LINE_QUANTITY) {
      return {
        kind: 'REFUSED',
        code: 'INVALID_QUANTITY',
        message: `lines.${index}.quantity ${line.quantity} is not a positive whole quantity`,
      };
    }
  }
  return {
    kind: 'RESERVE',
    lines: order.lines.map((line) => ({
      orderId: order.orderId,
      lineId: line.lineId,
      sku: line.sku,
      locationId: line.locationId,
      channelAccountId: order.channelAccountId,
      quantity: line.quantity,
      causationId: order.eventId,
      occurredAt: order.occurredAt,
    })),
  };
}

export type CancellationRelease =
  | { readonly kind: 'REFUSED'; readonly code: 'UNKNOWN_CANCELLATION_STATUS'; readonly message: string }
  /** NOT_CANCELLABLE: the order goes on, its reservations stay. */
  | { readonly kind: 'NONE' }
  /**
   * `lines` null: a whole-order cancellation without line detail, which releases every line
   * still open. `quantity` null: everything open on the line.
   */
  | {
      readonly kind: 'RELEASE';
      readonly lines: ReadonlyArray<{ readonly lineId: string; readonly quantity: number | null }> | null;
    };

/** What an OrderCancelled releases. A whole-order cancellation releases all that is open, whatever the line quantities say. */
export function planCancellationRelease(cancelled: OrderCancelled): CancellationRelease {
  if (cancelled.status === 'UNKNOWN') {
    return {
      kind: 'REFUSED',
      code: 'UNKNOWN_CANCELLATION_STATUS',
      message: `order ${cancelled.orderId}: cancellation status is UNKNOWN`,
    };
  }
  if (cancelled.status === 'NOT_CANCELLABLE') return { kind: 'NONE' };
  if (cancelled.cancelledLines.length === 0) return { kind: 'RELEASE', lines: null };
  const whole = cancelled.status === 'CANCELLED';
  return {
    kind: 'RELEASE',
    lines: cancelled.cancelledLines.map((line) => ({ lineId: line.lineId, quantity: whole ? null : line.quantity })),
  };
}

/** The release of one cancelled line; the cancellation event is its cause. */
export function cancellationChange(cancelled: OrderCancelled, quantity: number | null): ReservationChangeCommand {
  return {
    type: 'RELEASED',
    reason: 'ORDER_CANCELLED',
    quantity,
    cause: cancelled.eventId,
    causationId: cancelled.eventId,
    occurredAt: cancelled.occurredAt,
  };
}

/**
 * The expiry of a reservation whose TTL elapsed. No message causes it, so its cause is the
 * expiry instant itself: every instance sweeping at once still expires it once.
 */
export function expiryChange(expiresAt: number, now: number): ReservationChangeCommand {
  return {
    type: 'EXPIRED',
    reason: 'TTL_ELAPSED',
    quantity: null,
    cause: `ttl:${new Date(expiresAt).toISOString()}`,
    causationId: null,
    occurredAt: now,
  };
}
