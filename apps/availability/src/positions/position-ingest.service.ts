import { Injectable } from '@nestjs/common';
import { parseMessageKey, Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import { PoisonMessageError } from '@crossdock/messaging';
import type { PositionSource } from '@crossdock/availability/domain';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { AvailabilityPublisherService } from '../publication/availability-publisher.service';

/**
 * Applies live ERP/WMS positions and item master records to the cache and republishes the
 * figures they change. A position the domain refuses (negative allocation, unknown location,
 * non-numeric quantity...) is poison: it goes to the dead-letter topic with the domain's stable
 * code, and the cache is untouched.
 */
@Injectable()
export class PositionIngestService {
  constructor(
    private readonly state: InventoryStateService,
    private readonly publisher: AvailabilityPublisherService,
  ) {}

  async applyPosition(source: PositionSource, position: InventoryPosition): Promise<void> {
    await this.state.whenRebuilt();
    const outcome = this.state.positions.apply(source, position);
    switch (outcome.status) {
      case 'REJECTED':
        throw new PoisonMessageError(outcome.rejection.code, `${outcome.rejection.field}: ${outcome.rejection.message}`);
      case 'IGNORED':
        availabilityMetrics.positionsIgnored.inc({ source });
        return;
      case 'APPLIED': {
        if (outcome.previousVersion === null) {
          const stats = this.state.positions.stats();
          availabilityMetrics.cacheSkuLocations.set(stats.skuLocations);
          availabilityMetrics.cachePositions.set({ source }, source === 'ERP' ? stats.erpPositions : stats.wmsPositions);
        }
        this.publisher.refresh(position.sku, [position.locationId]);
      }
    }
  }

  /** A tombstone: the connector no longer reports this SKU-location, so its stock stops counting. */
  async removePosition(source: PositionSource, key: string | null): Promise<void> {
    await this.state.whenRebuilt();
    const contract = source === 'ERP' ? Topics.erpInventoryPositions : Topics.wmsInventoryPositions;
    let parsed: { sku: string; locationId: string };
    try {
      if (key === null) throw new Error('a tombstone without a key deletes nothing');
      parsed = parseMessageKey(contract, key);
    } catch (error) {
      throw new PoisonMessageError('INVALID_TOMBSTONE_KEY', error instanceof Error ? error.message : String(error));
    }
    if (this.state.positions.remove(source, parsed.sku, parsed.locationId)) {
      this.publisher.refresh(parsed.sku, [parsed.locationId]);
    }
  }

  async applyItem(item: ItemMaster): Promise<void> {
    await this.state.whenRebuilt();
    if (this.state.items.apply(item) === 'APPLIED') this.publisher.refresh(item.sku);
  }
}
