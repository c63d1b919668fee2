import { Injectable } from '@nestjs/common';
import { messageKey, Topics, type OrderAccepted, type OrderCancelled, type ReservationEvent, type StockShortage } from '@crossdock/contracts';
import { EventPublisher, PoisonMessageError, TransientDependencyError } from '@crossdock/messaging';
import {
  cancellationChange,
  expiryChange,
  planCancellationRelease,
  planOrderReservation,
  type ReservationChangeCommand,
} from '@crossdock/availability/domain';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { AvailabilityPublisherService } from '../publication/availability-publisher.service';
import { ReservationRepository, type LineChange, type LineDecision } from './reservation.repository';

/**
 * Reserves accepted order lines, releases cancelled ones and expires stale ones: the domain's
 * transitions decide, the repository stores the decisions durably, then this publishes the resulting ReservationEvent / StockShortage records and
 * republishes the SKU's channel figures. Events are published after the commit and re-published
 * unchanged on redelivery, so a crash between the two loses nothing and duplicates nothing.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly repository: ReservationRepository,
    private readonly state: InventoryStateService,
    private readonly events: EventPublisher,
    private readonly availability: AvailabilityPublisherService,
  ) {}

  async reserveOrder(order: OrderAccepted, now = Date.now()): Promise<LineDecision[]> {
    const plan = planOrderReservation(order);
    if (plan.kind === 'REFUSED') throw new PoisonMessageError(plan.code, plan.message);
    await this.state.whenRebuilt();
    if (!(await database(() => this.repository.recordOutcome(order.orderId, order.outcomeSequence, 'ACCEPTED')))) return [];
    const decisions: LineDecision[] = [];
    for (const request of plan.lines) {
      const decision = await database(() => this.repository.reserveLine(request, now));
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
    const plan = planCancellationRelease(cancelled);
    if (plan.kind === 'REFUSED') throw new PoisonMessageError(plan.code, plan.message);
    if (plan.kind === 'NONE') return [];
    await this.state.whenRebuilt();
    await database(() => this.repository.recordOutcome(cancelled.orderId, cancelled.outcomeSequence, 'CANCELLED'));
    const lines = plan.lines ?? (await database(() => this.repository.openLinesOf(cancelled.orderId))).map((lineId) => ({ lineId, quantity: null }));
    const changes: LineChange[] = [];
    for (const line of lines) {
      const change = await this.change(cancelled.orderId, line.lineId, cancellationChange(cancelled, line.quantity));
      if (change) changes.push(change);
    }
    await this.publish(changes.map((c) => c.event), []);
    return changes;
  }

  /** Releases reservations whose channel TTL elapsed; safe to run on every instance at once. */
  async expireDue(now = Date.now(), limit = 500): Promise<LineChange[]> {
    await this.state.whenRebuilt();
    const changes: LineChange[] = [];
    for (const due of await database(() => this.repository.dueForExpiry(now, limit))) {
      const change = await this.change(due.orderId, due.lineId, expiryChange(due.expiresAt.getTime(), now));
      if (change) changes.push(change);
    }
    await this.publish(changes.map((c) => c.event), []);
    return changes;
  }

  private async change(orderId: string, lineId: string, command: ReservationChangeCommand): Promise<LineChange | undefined> {
    const change = await database(() => this.repository.changeLine(orderId, lineId, command));
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
