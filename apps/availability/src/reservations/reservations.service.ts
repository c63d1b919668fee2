import { Injectable } from '@nestjs/common';
import { messageKey, Topics, type OrderAccepted, type OrderCancelled, type ReservationEvent, type StockShortage } from '@crossdock/contracts';
import { EventPublisher, PoisonMessageError, TransientDependencyError } from '@crossdock/messaging';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { AvailabilityPublisherService } from '../publication/availability-publisher.service';
import { ReservationRepository, type ChangeRequest, type LineChange, type LineDecision } from './reservation.repository';

// Prisma stores quantities as Postgres integers.
const MAX_QUANTITY = 2_147_483_647;

/**
 * Reserves accepted order lines, releases cancelled ones and expires stale ones: decides through
 * the durable ledger, then publishes the resulting ReservationEvent / StockShortage records and
 * republishes the SKU's channel figures. Events are published after the commit and re-published
 * unchanged on redelivery, so a crash between the two loses nothing and duplicates nothing.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly ledger: ReservationRepository,
    private readonly state: InventoryStateService,
    private readonly events: EventPublisher,
    private readonly availability: AvailabilityPublisherService,
  ) {}

  async reserveOrder(order: OrderAccepted, now = Date.now()): Promise<LineDecision[]> {
    for (const [index, line] of order.lines.entries()) {
      if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0 || line.quantity > MAX_QUANTITY) {
        throw new PoisonMessageError('INVALID_QUANTITY', `lines.${index}.quantity ${line.quantity} is not a positive whole quantity`);
      }
    }
    await this.state.whenRebuilt();
    if (!(await database(() => this.ledger.recordOutcome(order.orderId, order.outcomeSequence, 'ACCEPTED')))) return [];
    const decisions: LineDecision[] = [];
    for (const line of order.lines) {
      const request = {
        orderId: order.orderId,
        lineId: line.lineId,
        sku: line.sku,
        locationId: line.locationId,
        channelAccountId: order.channelAccountId,
        quantity: line.quantity,
        causationId: order.eventId,
        occurredAt: order.occurredAt,
      };
      const decision = await database(() => this.ledger.reserveLine(request, now));
      if (!decision.duplicate) {
        availabilityMetrics.reservationOutcomes.inc({ outcome: decision.kind });
        if (decision.shortage) availabilityMetrics.shortages.inc({ reason: decision.shortage.reason });
      }
      this.afterChange(decision);
      decisions.push(decision);
    }
    await this.publish(
      decisions.flatMap((d) => (d.reservationEvent ? [d.reservationEvent] : [])),
      decisions.flatMap((d) => (d.shortage ? [d.shortage] : [])),
    );
    return decisions;
  }

  async applyCancellation(cancelled: OrderCancelled): Promise<LineChange[]> {
    if (cancelled.status === 'UNKNOWN') throw new PoisonMessageError('UNKNOWN_CANCELLATION_STATUS', `order ${cancelled.orderId}: cancellation status is UNKNOWN`);
    if (cancelled.status === 'NOT_CANCELLABLE') return [];
    await this.state.whenRebuilt();
    await database(() => this.ledger.recordOutcome(cancelled.orderId, cancelled.outcomeSequence, 'CANCELLED'));
    // A whole-order cancellation may come without line detail: release every line still open.
    const lines =
      cancelled.cancelledLines.length > 0
        ? cancelled.cancelledLines.map((l) => ({ lineId: l.lineId, quantity: l.quantity as number | null }))
        : (await database(() => this.ledger.openLinesOf(cancelled.orderId))).map((lineId) => ({ lineId, quantity: null }));
    const changes: LineChange[] = [];
    for (const line of lines) {
      const change = await this.change({
        orderId: cancelled.orderId,
        lineId: line.lineId,
        quantity: cancelled.status === 'CANCELLED' ? null : line.quantity,
        causationId: cancelled.eventId,
        eventCausationId: cancelled.eventId,
        occurredAt: cancelled.occurredAt,
        type: 'RELEASED',
        reason: 'ORDER_CANCELLED',
      });
      if (change) changes.push(change);
    }
    await this.publish(changes.map((c) => c.event), []);
    return changes;
  }

  /** Releases reservations whose channel TTL elapsed; safe to run on every instance at once. */
  async expireDue(now = Date.now(), limit = 500): Promise<LineChange[]> {
    await this.state.whenRebuilt();
    const changes: LineChange[] = [];
    for (const due of await database(() => this.ledger.dueForExpiry(now, limit))) {
      const change = await this.change({
        orderId: due.orderId,
        lineId: due.lineId,
        quantity: null,
        causationId: `ttl:${due.expiresAt.toISOString()}`,
        eventCausationId: null,
        occurredAt: now,
        type: 'EXPIRED',
        reason: 'TTL_ELAPSED',
      });
      if (change) changes.push(change);
    }
    await this.publish(changes.map((c) => c.event), []);
    return changes;
  }

  private async change(request: ChangeRequest): Promise<LineChange | undefined> {
    const change = await database(() => this.ledger.changeLine(request));
    if (change) this.afterChange(change);
    return change;
  }

  private afterChange(change: { sku: string; locationId: string; channelAccountId: string; openDelta: number }): void {
    if (change.openDelta === 0) return;
    this.state.openReservations.adjust(change.sku, change.locationId, change.channelAccountId, change.openDelta);
    this.availability.refresh(change.sku, [change.locationId]);
  }

  private async publish(reservations: ReservationEvent[], shortages: StockShortage[]): Promise<void> {
    await this.events.publishMany(
      Topics.reservations,
      reservations.map((event) => ({ key: messageKey(Topics.reservations, event), value: event, options: { idempotencyKey: event.eventId } })),
    );
    await this.events.publishMany(
      Topics.stockShortages,
      shortages.map((event) => ({ key: messageKey(Topics.stockShortages, event), value: event, options: { idempotencyKey: event.eventId } })),
    );
  }
}

/** Database failures are outages, not bad messages: the transport retries them without limit. */
async function database<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PoisonMessageError) throw error;
    throw new TransientDependencyError('availability-db', error instanceof Error ? error.message : String(error), { cause: error });
  }
}
