import type { OrderAccepted, OrderCancelled, ReservationEvent, StockShortage } from '@crossdock/contracts';
import type { ChannelRuleSet } from '../channel-rules/channel-rule-set.model';
import type { ItemFacts } from '../sellable/sellable-quantity.calculator';
import type { LocationStock, OpenReservationsView, OpenReservationTotals } from '../sellable/stock.types';
import {
  buildReservationEvent,
  buildStockShortage,
  reservationIdFor,
  type ReservationChange,
} from './reservation-events.builder';
import { decideReservation, type ReserveLineRequest } from './reservation.decision';
import type { ReservationReasonCode, ReservationRecord, ReservationStatus } from './reservation.types';

export type ReserveLineOutcome =
  | {
      readonly kind: 'RESERVED' | 'PARTIALLY_RESERVED' | 'SHORT';
      /** True when this line was decided before: the original events are returned for re-publication. */
      readonly duplicate: boolean;
      readonly reservation: ReservationRecord | null;
      readonly reservationEvent: ReservationEvent | null;
      readonly shortage: StockShortage | null;
    }
  | {
      readonly kind: 'REJECTED';
      readonly code: 'INVALID_QUANTITY' | 'UNKNOWN_CANCELLATION_STATUS';
      readonly message: string;
    };

export type ReservationChangeOutcome =
  | {
      readonly kind: 'CHANGED';
      readonly duplicate: boolean;
      readonly reservation: ReservationRecord;
      readonly event: ReservationEvent;
    }
  /** The line has no reservation (never reserved, or it was short). */
  | {
      readonly kind: 'NO_RESERVATION';
      readonly orderId: string;
      readonly lineId: string;
    }
  /** Already fully released, consumed or expired: nothing left to change. */
  | { readonly kind: 'NOTHING_OPEN'; readonly reservation: ReservationRecord };

export interface ReservationChangeRequest {
  readonly orderId: string;
  readonly lineId: string;
  /** null = all that is still open. */
  readonly quantity: number | null;
  /** Makes the change idempotent: the same cause never applies twice to one reservation. */
  readonly causationId: string;
  readonly occurredAt: number;
}

/** Where the ledger reads the inputs of a reservation decision. */
export interface StockLookup {
  stockAt(sku: string, locationId: string): LocationStock | undefined;
  item(sku: string): ItemFacts | undefined;
}

interface LineState {
  reservation: ReservationRecord | null;
  reservationEvent: ReservationEvent | null;
  shortage: StockShortage | null;
  readonly history: ReservationEvent[];
}

const HOUR_MS = 3_600_000;
const EMPTY_TOTALS: OpenReservationTotals = { total: 0, byChannel: new Map() };

/**
 * The hub's reservations, in memory: a reference model of what the service's database will hold
 * (one row per order line, open totals per SKU-location). Every decision goes through the pure
 * decideReservation; this class adds idempotency per (orderId, lineId) and per cause, and keeps
 * open totals so sellable figures can subtract them.
 */
export class ReservationLedger implements OpenReservationsView {
  private readonly lines = new Map<string, LineState>();
  private readonly openTotals = new Map<string, { total: number; byChannel: Map<string, number> }>();

  constructor(
    private readonly rules: () => ChannelRuleSet,
    private readonly options: { readonly maxStockAgeMs: number | null } = {
      maxStockAgeMs: null,
    },
  ) {}

  openAt(sku: string, locationId: string): OpenReservationTotals {
    return this.openTotals.get(skuLocationKey(sku, locationId)) ?? EMPTY_TOTALS;
  }

  reservationOf(orderId: string, lineId: string): ReservationRecord | null {
    return this.lines.get(lineKey(orderId, lineId))?.reservation ?? null;
  }

  /** Reserves one accepted order line at its assigned location, or explains the shortage. */
  reserveLine(request: ReserveLineRequest, lookup: StockLookup, now: number): ReserveLineOutcome {
    const known = this.lines.get(lineKey(request.orderId, request.lineId));
    if (known) return { ...outcomeOf(known), duplicate: true };
    if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0) {
      return {
        kind: 'REJECTED',
        code: 'INVALID_QUANTITY',
        message: `line ${request.lineId} quantity ${request.quantity} is not a positive integer`,
      };
    }
    const rules = this.rules();
    const decision = decideReservation({
      request,
      rules,
      stock: lookup.stockAt(request.sku, request.locationId),
      reservations: this.openAt(request.sku, request.locationId),
      item: lookup.item(request.sku),
      now,
      maxStockAgeMs: this.options.maxStockAgeMs,
    });
    const state: LineState = {
      reservation: null,
      reservationEvent: null,
      shortage: null,
      history: [],
    };
    const shortage = decision.shortage;
    if (shortage) state.shortage = buildStockShortage(request, shortage, request.occurredAt);
    if (decision.kind === 'RESERVE') {
      const ttlHours = rules.channel(request.channelAccountId)?.reservationTtlHours ?? null;
      const reservation: ReservationRecord = {
        reservationId: reservationIdFor(request.orderId, request.lineId, request.locationId),
        orderId: request.orderId,
        lineId: request.lineId,
        sku: request.sku,
        locationId: request.locationId,
        channelAccountId: request.channelAccountId,
        reservedQuantity: decision.quantity,
        openQuantity: decision.quantity,
        status: 'OPEN',
        expiresAt: ttlHours === null ? null : request.occurredAt + ttlHours * HOUR_MS,
        version: 1,
      };
      const event = buildReservationEvent(reservation, {
        type: 'RESERVED',
        quantity: decision.quantity,
        reason: 'ORDER_ACCEPTED',
        causationId: request.causationId,
        occurredAt: request.occurredAt,
      });
      state.reservation = reservation;
      state.reservationEvent = event;
      state.history.push(event);
      this.adjustOpen(reservation, decision.quantity);
    }
    this.lines.set(lineKey(request.orderId, request.lineId), state);
    return { ...outcomeOf(state), duplicate: false };
  }

  /** Reserves every line of an accepted order, in line order. */
  reserveOrder(order: OrderAccepted, lookup: StockLookup, now: number): ReserveLineOutcome[] {
    return order.lines.map((line) =>
      this.reserveLine(
        {
          orderId: order.orderId,
          lineId: line.lineId,
          sku: line.sku,
          locationId: line.locationId,
          channelAccountId: order.channelAccountId,
          quantity: line.quantity,
          causationId: order.eventId,
          occurredAt: order.occurredAt,
        },
        lookup,
        now,
      ),
    );
  }

  /** Gives reserved stock back (cancellation, reroute). */
  release(
    request: ReservationChangeRequest,
    reason: Extract<ReservationReasonCode, 'ORDER_CANCELLED' | 'LINE_REROUTED'> = 'ORDER_CANCELLED',
  ): ReservationChangeOutcome {
    return this.change(request, 'RELEASED', reason, 'RELEASED');
  }

  /** The reserved stock shipped: on-hand will drop instead, so the reservation must stop counting. */
  consume(request: ReservationChangeRequest): ReservationChangeOutcome {
    return this.change(request, 'CONSUMED', 'SHIPPED', 'CONSUMED');
  }

  /** Releases what OrderCancelled reports as cancelled; NOT_CANCELLABLE changes nothing. */
  applyCancellation(cancelled: OrderCancelled):
    | ReservationChangeOutcome[]
    | {
        readonly kind: 'REJECTED';
        readonly code: 'UNKNOWN_CANCELLATION_STATUS';
        readonly message: string;
      } {
    if (cancelled.status === 'UNKNOWN') {
      return {
        kind: 'REJECTED',
        code: 'UNKNOWN_CANCELLATION_STATUS',
        message: `order ${cancelled.orderId}: cancellation status is UNKNOWN`,
      };
    }
    if (cancelled.status === 'NOT_CANCELLABLE') return [];
    return cancelled.cancelledLines.map((line) =>
      this.release({
        orderId: cancelled.orderId,
        lineId: line.lineId,
        quantity: line.quantity,
        causationId: cancelled.eventId,
        occurredAt: cancelled.occurredAt,
      }),
    );
  }

  /** Releases every open reservation whose expiresAt has passed; one EXPIRED event each. */
  expireDue(now: number): ReservationEvent[] {
    const events: ReservationEvent[] = [];
    for (const state of this.lines.values()) {
      const reservation = state.reservation;
      if (
        !reservation ||
        reservation.openQuantity === 0 ||
        reservation.expiresAt === null ||
        reservation.expiresAt > now
      )
        continue;
      const event = this.applyChange(
        state,
        reservation,
        {
          type: 'EXPIRED',
          quantity: reservation.openQuantity,
          reason: 'TTL_ELAPSED',
          causationId: null,
          occurredAt: now,
        },
        'EXPIRED',
      );
      events.push(event);
    }
    return events;
  }

  private change(
    request: ReservationChangeRequest,
    type: 'RELEASED' | 'CONSUMED',
    reason: ReservationReasonCode,
    terminalStatus: ReservationStatus,
  ): ReservationChangeOutcome {
    const state = this.lines.get(lineKey(request.orderId, request.lineId));
    const reservation = state?.reservation;
    if (!state || !reservation)
      return {
        kind: 'NO_RESERVATION',
        orderId: request.orderId,
        lineId: request.lineId,
      };
    const earlier = state.history.find((event) => event.causationId === request.causationId && event.type === type);
    if (earlier) return { kind: 'CHANGED', duplicate: true, reservation, event: earlier };
    if (reservation.openQuantity === 0) return { kind: 'NOTHING_OPEN', reservation };
    // Shipping or cancelling more than is open (over-shipment, a cancellation of an unreserved
    // remainder after a partial reservation) can only give back what is actually held.
    const quantity = Math.min(request.quantity ?? reservation.openQuantity, reservation.openQuantity);
    if (quantity <= 0) return { kind: 'NOTHING_OPEN', reservation };
    const event = this.applyChange(
      state,
      reservation,
      {
        type,
        quantity,
        reason,
        causationId: request.causationId,
        occurredAt: request.occurredAt,
      },
      terminalStatus,
    );
    return {
      kind: 'CHANGED',
      duplicate: false,
      reservation: state.reservation ?? reservation,
      event,
    };
  }

  private applyChange(
    state: LineState,
    reservation: ReservationRecord,
    change: ReservationChange,
    terminalStatus: ReservationStatus,
  ): ReservationEvent {
    const openQuantity = reservation.openQuantity - change.quantity;
    const after: ReservationRecord = {
      ...reservation,
      openQuantity,
      status: openQuantity === 0 ? terminalStatus : 'OPEN',
      version: reservation.version + 1,
    };
    const event = buildReservationEvent(after, change);
    state.reservation = after;
    state.history.push(event);
    this.adjustOpen(reservation, -change.quantity);
    return event;
  }

  private adjustOpen(reservation: ReservationRecord, delta: number): void {
    const key = skuLocationKey(reservation.sku, reservation.locationId);
    const totals = this.openTotals.get(key) ?? {
      total: 0,
      byChannel: new Map<string, number>(),
    };
    totals.total += delta;
    const channelTotal = (totals.byChannel.get(reservation.channelAccountId) ?? 0) + delta;
    if (channelTotal === 0) totals.byChannel.delete(reservation.channelAccountId);
    else totals.byChannel.set(reservation.channelAccountId, channelTotal);
    if (totals.total === 0) this.openTotals.delete(key);
    else this.openTotals.set(key, totals);
  }
}

function outcomeOf(
  state: LineState,
): Extract<ReserveLineOutcome, { kind: 'RESERVED' | 'PARTIALLY_RESERVED' | 'SHORT' }> {
  const kind = state.reservation ? (state.shortage ? 'PARTIALLY_RESERVED' : 'RESERVED') : 'SHORT';
  return {
    kind,
    duplicate: false,
    // Current state of the reservation, but the original events: a redelivery re-publishes them
    // unchanged (same eventIds) rather than inventing a second reservation.
    reservation: state.reservation,
    reservationEvent: state.reservationEvent,
    shortage: state.shortage,
  };
}

function lineKey(orderId: string, lineId: string): string {
  return `${encodeURIComponent(orderId)}:${encodeURIComponent(lineId)}`;
}

function skuLocationKey(sku: string, locationId: string): string {
  return `${encodeURIComponent(sku)}@${encodeURIComponent(locationId)}`;
}
