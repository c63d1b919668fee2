import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { parseMessageKey, topicName, Topics, type InventoryPosition, type ItemMaster, type TopicDefinition } from '@crossdock/contracts';
import { AvroSerde, KAFKA_CLIENT, PoisonMessageError, readCompactedTopicsToEnd, type CompactedTopicSink } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, ReadinessRegistry, StartupTask, withSpan } from '@crossdock/observability';
import type { PositionSource } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { availabilityMetrics } from './availability.metrics';
import { InventoryStateService } from './inventory-state.service';

const READINESS_CHECK = 'inventory-cache';

/**
 * Rebuilds the in-memory state at start-up: open reservations from the database, then ERP and
 * WMS positions and the item master from their compacted topics up to the high-water marks. HTTP
 * is already up meanwhile, answering 503 on /health/ready, and the live consumers wait for it.
 * Invalid records are skipped here, not dead-lettered: the live consumer dead-letters them when
 * it first meets them, and a rebuild must not dead-letter the same record again on every restart.
 */
@Injectable()
export class CacheRebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: StartupTask;
  private changedWhileDown = new Set<string>();

  constructor(
    private readonly state: InventoryStateService,
    private readonly prisma: PrismaService,
    private readonly serde: AvroSerde,
    readiness: ReadinessRegistry,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    this.task = new StartupTask({
      what: 'inventory cache rebuild',
      readinessCheck: READINESS_CHECK,
      readiness,
      logger,
      timeoutMs: config.CACHE_REBUILD_TIMEOUT_MS,
      isDone: () => this.state.isRebuilt(),
    });
  }

  onApplicationBootstrap(): void {
    this.task.start(() => this.rebuild());
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  private async rebuild(): Promise<void> {
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
      const ns = this.config.TOPIC_NAMESPACE;
      const topics = [topicName(Topics.erpInventoryPositions, ns), topicName(Topics.wmsInventoryPositions, ns), topicName(Topics.itemMaster, ns)] as const;
      const committed = await this.committedOffsets([...topics]);
      const changed = new Set<string>();
      const track = (topic: string) => (sku: string, partition: number, offset: string) => {
        if (BigInt(offset) >= (committed.get(`${topic}/${partition}`) ?? 0n)) changed.add(sku);
      };
      const result = await readCompactedTopicsToEnd(
        this.kafka,
        [this.positionSink('ERP', topics[0], track(topics[0])), this.positionSink('WMS', topics[1], track(topics[1])), this.itemSink(topics[2], track(topics[2]))],
        `${ns}${this.config.SERVICE_NAME}`,
        this.config.CACHE_REBUILD_TIMEOUT_MS,
      );
      this.changedWhileDown = changed;
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

  private positionSink(source: PositionSource, topic: string, track: ChangeTracker): CompactedTopicSink {
    const contract = source === 'ERP' ? Topics.erpInventoryPositions : Topics.wmsInventoryPositions;
    return {
      topic,
      onRecord: async (key, value, message, partition) => {
        if (value === null) {
          const parsed = key === null ? undefined : safeParse(() => parseMessageKey(contract, key));
          if (parsed) {
            this.state.positions.remove(source, parsed.sku, parsed.locationId);
            track(parsed.sku, partition, message.offset);
          }
          availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome: 'tombstone' });
          return;
        }
        const position = await this.decode<InventoryPosition>(contract, value);
        const outcome = position ? this.state.positions.apply(source, position).status : 'UNDECODABLE';
        if (position && outcome === 'APPLIED') track(position.sku, partition, message.offset);
        availabilityMetrics.rebuildRecords.inc({ topic: contract.key, outcome });
      },
    };
  }

  private itemSink(topic: string, track: ChangeTracker): CompactedTopicSink {
    return {
      topic,
      onRecord: async (key, value, message, partition) => {
        if (value === null) {
          if (key !== null && this.state.items.remove(key)) track(key, partition, message.offset);
          return;
        }
        const item = await this.decode<ItemMaster>(Topics.itemMaster, value);
        const outcome = item ? this.state.items.apply(item) : 'UNDECODABLE';
        if (item && outcome === 'APPLIED') track(item.sku, partition, message.offset);
        availabilityMetrics.rebuildRecords.inc({ topic: Topics.itemMaster.key, outcome });
      },
    };
  }

  // Undecodable bytes are poison for the live consumer too; here they are skipped, not fatal.
  private async decode<T>(contract: TopicDefinition<T>, value: Buffer): Promise<T | undefined> {
    try {
      return (await this.serde.decode(contract, value)).value;
    } catch (error) {
      if (error instanceof PoisonMessageError) return undefined;
      throw error;
    }
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
