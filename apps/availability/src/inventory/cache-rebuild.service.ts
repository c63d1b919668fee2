import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { messageKey, parseMessageKey, topicName, Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import { StartupRebuilds, type FollowTables, type TableFeed } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { validatePosition, type PositionSource } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { availabilityMetrics } from './availability.metrics';
import { CommittedUnitsSync } from './committed-units.sync';
import { InventoryStateService } from './inventory-state.service';

/**
 * Fills the in-memory state at start-up (a `StartupRebuilds` task) and keeps its tables whole:
 * open reservations and the consumed lines not marked settled from the database
 * (`CommittedUnitsSync`, which then follows the database's announcements), then the ERP and WMS
 * position tables and the item master table from their compacted topics up to the high-water
 * marks (consumed lines the ERP positions already reflect are then forgotten, and marked settled).
 * The tables are read in the instance's own throw-away group and followed after that, every
 * partition, so each instance holds every SKU's stock whichever partitions the service's group
 * gives it; a record applied after the rebuild has its figures recomputed. HTTP is already up
 * meanwhile, answering 503 on /health/ready, and the live consumers wait for it. Invalid records
 * are skipped here, not dead-lettered: the service's group dead-letters them, once.
 */
@Injectable()
export class CacheRebuildService {
  constructor(
    private readonly state: InventoryStateService,
    private readonly committedUnits: CommittedUnitsSync,
    rebuilds: StartupRebuilds,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    rebuilds.register({
      what: 'inventory cache rebuild',
      readinessCheck: 'inventory-cache',
      timeoutMs: config.CACHE_REBUILD_TIMEOUT_MS,
      isDone: () => this.state.isRebuilt(),
      attempt: (_readTables, followTables) => this.rebuild(followTables),
    });
  }

  private async rebuild(followTables: FollowTables): Promise<void> {
    const started = performance.now();
    await withSpan('availability cache rebuild', {}, async (span) => {
      await this.committedUnits.start();
      const ns = this.config.TOPIC_NAMESPACE;
      const result = await followTables([
        this.positionFeed('ERP', topicName(Topics.erpInventoryPositions, ns)),
        this.positionFeed('WMS', topicName(Topics.wmsInventoryPositions, ns)),
        this.itemFeed(topicName(Topics.itemMaster, ns)),
      ]);
      for (const { sku, locationId } of this.state.consumed.skuLocations()) this.state.settleConsumed(sku, locationId);
      span.setAttribute('crossdock.rebuild.consumed_lines', this.state.consumed.size());
      span.setAttribute('crossdock.rebuild.records', result.records);
    });
    const seconds = (performance.now() - started) / 1000;
    this.state.completeRebuild();
    availabilityMetrics.rebuildDuration.set(seconds);
    const stats = this.state.positions.stats();
    availabilityMetrics.cacheSkuLocations.set(stats.skuLocations);
    availabilityMetrics.cachePositions.set({ source: 'ERP' }, stats.erpPositions);
    availabilityMetrics.cachePositions.set({ source: 'WMS' }, stats.wmsPositions);
    this.logger.info({ seconds, ...stats, items: this.state.items.size() }, 'inventory cache rebuilt');
  }

  private positionFeed(source: PositionSource, topic: string): TableFeed<InventoryPosition> {
    const contract = source === 'ERP' ? Topics.erpInventoryPositions : Topics.wmsInventoryPositions;
    const table = this.state.positionTable(source);
    return {
      topic,
      contract,
      apply: (key, position) => {
        if (position === null) {
          const parsed = key === null ? undefined : safeParse(() => parseMessageKey(contract, key));
          if (parsed && key !== null && table.remove(key)) this.state.inputsChanged(parsed.sku, [parsed.locationId]);
          availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome: 'tombstone' });
          return;
        }
        // Validated only when not applied (almost every record of a rebuild is), to tell why.
        const applied = table.apply(key ?? messageKey(contract, position), position, position.version);
        const outcome = applied ? 'APPLIED' : validatePosition(position, (locationId) => this.state.isKnownLocation(locationId)) ? 'REJECTED' : 'IGNORED';
        if (applied) this.applied(source, position);
        availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome });
      },
      undecodable: () => availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome: 'UNDECODABLE' }),
    };
  }

  // After the rebuild, a record followed live: an ERP position may settle consumed lines, and the figures follow.
  private applied(source: PositionSource, position: InventoryPosition): void {
    if (!this.state.isRebuilt()) return;
    if (source === 'ERP') this.state.settleConsumed(position.sku, position.locationId);
    this.state.inputsChanged(position.sku, [position.locationId]);
  }

  private itemFeed(topic: string): TableFeed<ItemMaster> {
    return {
      topic,
      contract: Topics.itemMaster,
      apply: (key, item) => {
        if (item === null) {
          if (key !== null && this.state.items.remove(key)) this.state.inputsChanged(key);
          return;
        }
        const applied = this.state.applyItem(item);
        if (applied) this.state.inputsChanged(item.sku);
        availabilityMetrics.rebuildRecords.inc({ topic: Topics.itemMaster.key, outcome: applied ? 'APPLIED' : 'IGNORED' });
      },
      undecodable: () => availabilityMetrics.rebuildRecords.inc({ topic: Topics.itemMaster.key, outcome: 'UNDECODABLE' }),
    };
  }
}

function safeParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
