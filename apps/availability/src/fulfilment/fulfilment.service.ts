import { Injectable } from '@nestjs/common';
import type { OrderFulfilment } from '@crossdock/contracts';
import { PoisonMessageError } from '@crossdock/messaging';
import { OutboxRelay } from '@crossdock/outbox';
import { checkOrderFulfilment } from '@crossdock/availability/domain';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { FulfilmentRepository, type FulfilmentResult } from './fulfilment.repository';

/**
 * Turns shipment-events' per-order fulfilment into reservation changes: shipped units consumed,
 * cancelled and short-picked ones released (the domain's fulfilmentChanges, stored by
 * FulfilmentRepository with their events in the outbox). After the commit the in-memory state
 * follows (CommittedUnitsSync re-reads the SKU-locations the database announces): open totals lose what was
 * consumed or released, and the consumed units join the units awaiting the ERP until its position
 * reflects their postings, so the sellable figure neither rises between shipment and goods issue
 * nor drops twice after it. Each line's SKU is recomputed and republished by the publishing
 * instance (the coalescer drops a figure that did not change).
 */
@Injectable()
export class FulfilmentService {
  constructor(
    private readonly repository: FulfilmentRepository,
    private readonly state: InventoryStateService,
    private readonly relay: OutboxRelay,
  ) {}

  async apply(fulfilment: OrderFulfilment): Promise<FulfilmentResult> {
    const refusal = checkOrderFulfilment(fulfilment);
    if (refusal) throw new PoisonMessageError(refusal.code, `order ${fulfilment.orderId}: ${refusal.message}`);
    await this.state.whenRebuilt();
    return this.follow(await this.repository.apply(fulfilment));
  }

  /**
   * After an acceptance reserved the order's lines: the fulfilment statement that arrived before
   * it (kept by the repository) is applied now, so units shipped before their reservation existed
   * are consumed all the same.
   */
  async applyAwaiting(orderId: string): Promise<FulfilmentResult> {
    await this.state.whenRebuilt();
    return this.follow(await this.repository.applyAwaiting(orderId));
  }

  private follow(result: FulfilmentResult): FulfilmentResult {
    availabilityMetrics.fulfilments.inc({ outcome: result.kind });
    if (result.kind === 'STALE') return result;
    for (const line of result.lines) {
      for (const change of line.changes) {
        if (!change.duplicate) availabilityMetrics.fulfilmentChanges.inc({ type: change.event.type, reason: change.event.reason ?? 'NONE' });
      }
    }
    // Memory follows through the database's announcements (CommittedUnitsSync), this instance's own included.
    if (result.lines.some((line) => line.changes.some((change) => !change.duplicate))) this.relay.wake();
    return result;
  }
}
