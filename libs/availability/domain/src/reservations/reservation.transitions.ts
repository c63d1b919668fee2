import type { ReservationEvent } from '@crossdock/contracts';
import { buildReservationEvent, buildStockShortage, reservationIdFor } from './reservation-events.builder';
import { decideReservation, type ReservationDecisionInput } from './reservation.decision';
import type { LineOutcome, ReservationLine, ReservationReasonCode, ReservationRecord } from './reservation.types';

const HOUR_MS = 3_600_000;

export interface ReserveLineInput extends ReservationDecisionInput {
  /** The line as already decided (a redelivered acceptance), or null for a line never seen. */
  readonly held: ReservationLine | null;
}

export type ReserveLineDecision =
  /** Decided before: nothing changes, and the original decision (its events included) is returned. */
  | { readonly kind: 'DUPLICATE'; readonly line: ReservationLine }
  /** A new line to record; `openDelta` is what it adds to the SKU-location's open reservations. */
  | { readonly kind: 'RECORD'; readonly line: ReservationLine; readonly openDelta: number };

/**
 * Decides one accepted order line: reserve (all, or what there is for a channel taking partial
 * reservations) or record the shortage. A line is decided once: a redelivery gets the original
 * decision back unchanged, events included, even if stock arrived since.
 * The reservation expires `reservationTtlHours` after the order's acceptance, never when the
 * channel has no TTL.
 */
export function reserveLine(input: ReserveLineInput): ReserveLineDecision {
  if (input.held) return { kind: 'DUPLICATE', line: input.held };
  const { request, rules } = input;
  const decision = decideReservation(input);
  const facts = {
    orderId: request.orderId,
    lineId: request.lineId,
    sku: request.sku,
    locationId: request.locationId,
    channelAccountId: request.channelAccountId,
    requestedQuantity: request.quantity,
  };
  const shortageEvent = decision.shortage ? buildStockShortage(request, decision.shortage, request.occurredAt) : null;
  const quantity = decision.kind === 'RESERVE' ? decision.quantity : 0;
  if (quantity <= 0) {
    return { kind: 'RECORD', line: { ...facts, reservation: null, reservedEvent: null, shortageEvent }, openDelta: 0 };
  }
  const ttlHours = rules.channel(request.channelAccountId)?.reservationTtlHours ?? null;
  const reservation: ReservationRecord = {
    reservationId: reservationIdFor(request.orderId, request.lineId, request.locationId),
    orderId: request.orderId,
    lineId: request.lineId,
    sku: request.sku,
    locationId: request.locationId,
    channelAccountId: request.channelAccountId,
    reservedQuantity: quantity,
    openQuantity: quantity,
    status: 'OPEN',
    expiresAt: ttlHours === null ? null : request.occurredAt + ttlHours * HOUR_MS,
    version: 1,
  };
  const reservedEvent = buildReservationEvent(reservation, {
    type: 'RESERVED',
    quantity,
    reason: 'ORDER_ACCEPTED',
    causationId: request.causationId,
    occurredAt: request.occurredAt,
  });
  return { kind: 'RECORD', line: { ...facts, reservation, reservedEvent, shortageEvent }, openDelta: quantity };
}

/** How a decided line reads: something reserved, with or without a shortage, or nothing. */
export function lineOutcome(line: ReservationLine): LineOutcome {
  if (!line.reservation) return 'SHORT';
  return line.shortageEvent ? 'PARTIALLY_RESERVED' : 'RESERVED';
}

/** Gives reserved stock back (cancellation, short-pick, reroute), lets it lapse (TTL) or uses it up (shipment). */
export interface ReservationChangeCommand {
  readonly type: 'RELEASED' | 'EXPIRED' | 'CONSUMED';
  readonly reason: Exclude<ReservationReasonCode, 'ORDER_ACCEPTED'>;
  /** null = everything still open. */
  readonly quantity: number | null;
  /** What caused it: one cause changes a reservation at most once per type. */
  readonly cause: string;
  /** The event's causationId: the message that caused it; null when the clock did. */
  readonly causationId: string | null;
  readonly occurredAt: number;
}

export interface ReservationChangeInput {
  /** The line as held, or null when the order line was never decided. */
  readonly line: ReservationLine | null;
  readonly command: ReservationChangeCommand;
  /** The event of an earlier change of this line by the same cause and type, if there was one. */
  readonly earlier: ReservationEvent | null;
}

/**
 * NO_RESERVATION: the line is unknown or nothing was reserved for it (it was short).
 * NOTHING_OPEN: already fully released, consumed or expired. NO_QUANTITY: the command asks to
 * move nothing. NOT_DUE: an expiry before the reservation's expiresAt (or it has none).
 */
export type ReservationChangeRefusal = 'NO_RESERVATION' | 'NOTHING_OPEN' | 'NO_QUANTITY' | 'NOT_DUE';

export type ReservationChangeDecision =
  /** The same cause already changed this line: its event is returned, nothing changes. */
  | { readonly kind: 'DUPLICATE'; readonly event: ReservationEvent }
  /** `openDelta` is what the change takes off the SKU-location's open reservations (negative). */
  | {
      readonly kind: 'CHANGE';
      readonly reservation: ReservationRecord;
      readonly event: ReservationEvent;
      readonly openDelta: number;
    }
  | { readonly kind: 'REFUSED'; readonly reason: ReservationChangeRefusal };

/**
 * Releases, expires or consumes what is open on a reservation. A cause applies once, so a
 * redelivered cancellation gets its event back instead of releasing twice. Shipping or
 * cancelling more than is open (over-shipment, a cancellation of an unreserved remainder after a
 * partial reservation) only gives back what is actually held. Whatever the change, the
 * reservation ends in the command's status once nothing is open.
 */
export function changeReservation(input: ReservationChangeInput): ReservationChangeDecision {
  const { line, command, earlier } = input;
  if (!line) return refused('NO_RESERVATION');
  if (earlier) return { kind: 'DUPLICATE', event: earlier };
  const held = line.reservation;
  if (!held) return refused('NO_RESERVATION');
  if (held.openQuantity === 0) return refused('NOTHING_OPEN');
  if (command.type === 'EXPIRED' && !isDue(held, command.occurredAt)) return refused('NOT_DUE');
  const quantity = Math.min(command.quantity ?? held.openQuantity, held.openQuantity);
  if (quantity <= 0) return refused('NO_QUANTITY');
  const openQuantity = held.openQuantity - quantity;
  const reservation: ReservationRecord = {
    ...held,
    openQuantity,
    status: openQuantity === 0 ? command.type : 'OPEN',
    version: held.version + 1,
  };
  const event = buildReservationEvent(reservation, {
    type: command.type,
    quantity,
    reason: command.reason,
    causationId: command.causationId,
    occurredAt: command.occurredAt,
  });
  return { kind: 'CHANGE', reservation, event, openDelta: -quantity };
}

/** A reservation still holding stock whose TTL has elapsed: expiresAt equal to now is due. */
export function isDue(reservation: ReservationRecord, now: number): boolean {
  return reservation.openQuantity > 0 && reservation.expiresAt !== null && reservation.expiresAt <= now;
}

function refused(reason: ReservationChangeRefusal): ReservationChangeDecision {
  return { kind: 'REFUSED', reason };
}
