import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { messageKey, parseMessageKey, topicName, Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import { KAFKA_CLIENT, StartupRebuilds, type ReadTables, type TableFeed } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { validatePosition, type PositionSource } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { availabilityMetrics } from './availability.metrics';
import { consumedLineOf } from './consumed-line.row';
import { InventoryStateService } from './inventory-state.service';

/**
 * Rebuilds the in-memory state at start-up (a `StartupRebuilds` task): open reservations and the
 * consumed lines not marked settled from the database, then the ERP and WMS position tables and the item master
 * table from their compacted topics up to the high-water marks (consumed lines the ERP positions
 * already reflect are then forgotten, and marked settled). HTTP is already up meanwhile, answering 503 on
 * /health/ready, and the live consumers wait for it. Invalid records are skipped here, not
 * dead-lettered: the live consumer dead-letters them when it first meets them, and a rebuild must
 * not dead-letter the same record again on every restart.
 */
@Injectable()
export class CacheRebuildService {
  private changedWhileDown = new Set<string>();

  constructor(
    private readonly state: InventoryStateService,
    private readonly prisma: PrismaService,
    rebuilds: StartupRebuilds,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    rebuilds.register({
      what: 'inventory cache rebuild',
      readinessCheck: 'inventory-cache',
      timeoutMs: config.CACHE_REBUILD_TIMEOUT_MS,
      isDone: () => this.state.isRebuilt(),
      attempt: (readTables) => this.rebuild(readTables),
    });
  }

  private async rebuild(readTables: ReadTables): Promise<void> {
    const started = performance.now();
    await withSpan('availability cache rebuild', {}, async (span) => {
      const open = await this.prisma.lineReservation.groupBy({
        by: ['sku', 'locationId', 'channelAccountId'],
        where: { openQuantity: { gt: 0 } },
        _sum: { openQuantity: true },
      });
      this.state.openReservations.reset(
        open.map((row) => ({ sku: row.sku, locationId: row.locationId, channelAccountId: row.channelAccountId, open: row._sum.openQuantity ?? 0 })),
      );
      // Shipped lines whose consumed units may still await the ERP (not marked settled); those its positions reflect are dropped below.
      this.state.consumed.clear();
      const consumed = await this.prisma.consumedLine.findMany({ where: { consumedQuantity: { gt: 0 }, settledAt: null } });
      availabilityMetrics.rebuildConsumedLines.set(consumed.length);
      for (const row of consumed) this.state.consumed.put(consumedLineOf(row));
      const ns = this.config.TOPIC_NAMESPACE;
      const topics = [topicName(Topics.erpInventoryPositions, ns), topicName(Topics.wmsInventoryPositions, ns), topicName(Topics.itemMaster, ns)] as const;
      const committed = await this.committedOffsets([...topics]);
      const changed = new Set<string>();
      const track = (topic: string) => (sku: string, partition: number, offset: string) => {
        if (BigInt(offset) >= (committed.get(`${topic}/${partition}`) ?? 0n)) changed.add(sku);
      };
      const result = await readTables([
        this.positionFeed('ERP', topics[0], track(topics[0])),
        this.positionFeed('WMS', topics[1], track(topics[1])),
        this.itemFeed(topics[2], track(topics[2])),
      ]);
      this.changedWhileDown = changed;
      for (const { sku, locationId } of this.state.consumed.skuLocations()) this.state.settleConsumed(sku, locationId);
      span.setAttribute('crossdock.rebuild.consumed_lines', consumed.length);
      span.setAttribute('crossdock.rebuild.records', result.records);
      span.setAttribute('crossdock.rebuild.open_reservation_groups', open.length);
    });
    const seconds = (performance.now() - started) / 1000;
    this.state.completeRebuild(this.changedWhileDown);
    this.changedWhileDown = new Set();
    availabilityMetrics.rebuildDuration.set(seconds);
    const stats = this.state.positions.stats();
    availabilityMetrics.cacheSkuLocations.set(stats.skuLocations);
    availabilityMetrics.cachePositions.set({ source: 'ERP' }, stats.erpPositions);
    availabilityMetrics.cachePositions.set({ source: 'WMS' }, stats.wmsPositions);
    this.logger.info({ seconds, ...stats, items: this.state.items.size() }, 'inventory cache rebuilt');
  }

  /** Where the service's own consumer group stands: records at or past it were never handled live. */
  private async committedOffsets(topics: string[]): Promise<Map<string, bigint>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchOffsets({ groupId: `${this.config.TOPIC_NAMESPACE}${this.config.SERVICE_NAME}`, topics });
      const committed = new Map<string, bigint>();
      for (const topic of offsets) for (const p of topic.partitions) committed.set(`${topic.topic}/${p.partition}`, BigInt(p.offset === '-1' ? '0' : p.offset));
      return committed;
    } finally {
      await admin.disconnect();
    }
  }

  private positionFeed(source: PositionSource, topic: string, track: ChangeTracker): TableFeed<InventoryPosition> {
    const contract = source === 'ERP' ? Topics.erpInventoryPositions : Topics.wmsInventoryPositions;
    const table = this.state.positionTable(source);
    return {
      topic,
      contract,
      apply: (key, position, partition, offset) => {
        if (position === null) {
          const parsed = key === null ? undefined : safeParse(() => parseMessageKey(contract, key));
          if (parsed && key !== null) {
            table.remove(key);
            // Tracked even when nothing was held: compaction may have removed the record this deletes.
            track(parsed.sku, partition, offset);
          }
          availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome: 'tombstone' });
          return;
        }
        // Validated only when not applied (almost every record of a rebuild is), to tell why.
        const applied = table.apply(key ?? messageKey(contract, position), position, position.version);
        const outcome = applied ? 'APPLIED' : validatePosition(position, (locationId) => this.state.isKnownLocation(locationId)) ? 'REJECTED' : 'IGNORED';
        if (applied) track(position.sku, partition, offset);
        availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome });
      },
      undecodable: () => availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome: 'UNDECODABLE' }),
    };
  }

  private itemFeed(topic: string, track: ChangeTracker): TableFeed<ItemMaster> {
    return {
      topic,
      contract: Topics.itemMaster,
      apply: (key, item, partition, offset) => {
        if (item === null) {
          if (key !== null && this.state.items.remove(key)) track(key, partition, offset);
          return;
        }
        const applied = this.state.applyItem(item);
        if (applied) track(item.sku, partition, offset);
        availabilityMetrics.rebuildRecords.inc({ topic: Topics.itemMaster.key, outcome: applied ? 'APPLIED' : 'IGNORED' });
      },
      undecodable: () => availabilityMetrics.rebuildRecords.inc({ topic: Topics.itemMaster.key, outcome: 'UNDECODABLE' }),
    };
  }
}

type ChangeTracker = (sku: string, partition: number, offset: string) => void;

function safeParse<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch {
    return undefined;
  }
}
