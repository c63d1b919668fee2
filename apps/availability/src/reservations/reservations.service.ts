import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@crossdock/config';
import type { OrderAccepted, OrderCancelled } from '@crossdock/contracts';
import { PoisonMessageError } from '@crossdock/messaging';
import { OutboxRelay } from '@crossdock/outbox';
import { cancellationChange, expiryChange, planCancellationRelease, planOrderReservation, type ReservationChangeCommand } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import type { LineChange } from './reservation-change.writer';
import { ReservationRepository, type LineDecision } from './reservation.repository';

/**
 * Reserves accepted order lines, releases cancelled ones and expires stale ones: the domain's
 * transitions decide, and the repository stores each decision with its ReservationEvent /
 * StockShortage records in the platform outbox, in one transaction. The outbox relay publishes
 * them (leader-elected, in order per key); this wakes it after each commit. A crash after a commit
 * therefore loses no event, an expiry's included, although nothing redelivers an expiry; a
 * redelivered order or cancellation changes nothing and writes nothing, its events being owed by
 * the first decision's outbox rows.
 *
 * The SKU's channel figures are not events and do not go through the outbox: they are recomputed
 * state on the compacted channel-availability topic, which the publishing instance's
 * AvailabilityPublisherService recomputes from its cache once CommittedUnitsSync has re-read the
 * SKU-location the database announced (coalesced, without waiting for the send). A figure a crash kept from being sent is
 * published by the next publisher's reconciliation against the topic, or superseded by the next
 * change of that SKU.
 */
@Injectable()
export class ReservationsService {
  constructor(
    private readonly repository: ReservationRepository,
    private readonly state: InventoryStateService,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
  ) {}

  async reserveOrder(order: OrderAccepted, now = Date.now()): Promise<LineDecision[]> {
    const plan = planOrderReservation(order);
    if (plan.kind === 'REFUSED') throw new PoisonMessageError(plan.code, plan.message);
    await this.state.whenRebuilt();
    if (!(await this.repository.recordOutcome(order.orderId, order.outcomeSequence, 'ACCEPTED'))) return [];
    const decisions: LineDecision[] = [];
    for (const request of plan.lines) {
      const decision = await this.repository.reserveLine(request, now);
      if (!decision.duplicate) {
        availabilityMetrics.reservationOutcomes.inc({ outcome: decision.kind });
        if (decision.shortage) availabilityMetrics.shortages.inc({ reason: decision.shortage.reason });
        this.relay.wake();
      }
      decisions.push(decision);
    }
    return decisions;
  }

  async applyCancellation(cancelled: OrderCancelled): Promise<LineChange[]> {
    const plan = planCancellationRelease(cancelled);
    if (plan.kind === 'REFUSED') throw new PoisonMessageError(plan.code, plan.message);
    if (plan.kind === 'NONE') return [];
    await this.state.whenRebuilt();
    await this.repository.recordOutcome(cancelled.orderId, cancelled.outcomeSequence, 'CANCELLED');
    const lines = plan.lines ?? (await this.repository.openLinesOf(cancelled.orderId)).map((lineId) => ({ lineId, quantity: null }));
    const changes: LineChange[] = [];
    for (const line of lines) {
      const change = await this.change(cancelled.orderId, line.lineId, cancellationChange(cancelled, line.quantity));
      if (change) changes.push(change);
    }
    return changes;
  }

  /** Releases reservations whose channel TTL elapsed; safe to run on every instance at once. */
  async expireDue(now = Date.now(), limit = 500): Promise<LineChange[]> {
    await this.state.whenRebuilt();
    const changes: LineChange[] = [];
    for (const due of await this.repository.dueForExpiry(now, limit)) {
      const change = await this.change(due.orderId, due.lineId, expiryChange(due.expiresAt.getTime(), now));
      if (change) changes.push(change);
    }
    return changes;
  }

  private async change(orderId: string, lineId: string, command: ReservationChangeCommand): Promise<LineChange | undefined> {
    const change = await this.repository.changeLine(orderId, lineId, command);
    if (!change) return undefined;
    if (!change.duplicate) {
      if (command.type === 'EXPIRED' && this.config.CROSSDOCK_TEST_CRASH_AFTER_EXPIRY_COMMIT) {
        // Test-only: die in the worst place, after the expiry committed and before anything was published.
        process.kill(process.pid, 'SIGKILL');
      }
      this.relay.wake();
    }
    return change;
  }
}
