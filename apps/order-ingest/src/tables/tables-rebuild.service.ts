import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { topicName, Topics, type ChannelAvailability, type ItemMaster, type TopicDefinition } from '@crossdock/contracts';
import { AvroSerde, KAFKA_CLIENT, PoisonMessageError, readCompactedTopicsToEnd } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, ReadinessRegistry, StartupTask, withSpan } from '@crossdock/observability';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import { ReferenceDataStore } from '../reference-data/reference-data.store';
import { ReferenceTablesService } from './reference-tables.service';

const READINESS_CHECK = 'reference-data-and-tables';

/**
 * Start-up warm-up, before any order is decided: the reference-data files into the database (and
 * the catalog from it), then the item master and channel availability from their compacted topics
 * up to the high-water marks. HTTP answers 503 on /health/ready meanwhile, and the order handler
 * waits. Undecodable records are skipped here: the live consumer dead-letters them once, and a
 * rebuild must not dead-letter the same record again on every restart.
 */
@Injectable()
export class TablesRebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly task: StartupTask;

  constructor(
    private readonly tables: ReferenceTablesService,
    private readonly referenceData: ReferenceDataStore,
    private readonly serde: AvroSerde,
    readiness: ReadinessRegistry,
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    @Inject(APP_CONFIG) private readonly config: OrderIngestConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    this.task = new StartupTask({
      what: 'order-ingest warm-up',
      readinessCheck: READINESS_CHECK,
      readiness,
      logger,
      timeoutMs: config.TABLE_REBUILD_TIMEOUT_MS,
      isDone: () => this.tables.isRebuilt(),
    });
  }

  onApplicationBootstrap(): void {
    this.task.start(() => this.warmUp());
  }

  onApplicationShutdown(): void {
    this.task.stop();
  }

  private async warmUp(): Promise<void> {
    await withSpan('order-ingest warm-up', {}, async (span) => {
      await this.referenceData.loadFromFiles();
      const ns = this.config.TOPIC_NAMESPACE;
      const { records } = await readCompactedTopicsToEnd(
        this.kafka,
        [
          {
            topic: topicName(Topics.itemMaster, ns),
            onRecord: async (key, value) => {
              if (value === null) return key === null ? undefined : this.tables.removeItem(key);
              const item = await this.decode<ItemMaster>(Topics.itemMaster, value);
              if (item) this.tables.applyItem(item);
            },
          },
          {
            topic: topicName(Topics.channelAvailability, ns),
            onRecord: async (key, value) => {
              if (value === null) return key === null ? undefined : this.tables.removeAvailability(key);
              const record = await this.decode<ChannelAvailability>(Topics.channelAvailability, value);
              if (record) this.tables.applyAvailability(record);
            },
          },
        ],
        `${ns}${this.config.SERVICE_NAME}`,
        this.config.TABLE_REBUILD_TIMEOUT_MS,
      );
      span.setAttribute('crossdock.rebuild.records', records);
    });
    this.tables.completeRebuild();
    this.logger.info(this.tables.sizes(), 'order-ingest reference tables rebuilt');
  }

  private async decode<T>(contract: TopicDefinition<T>, value: Buffer): Promise<T | undefined> {
    try {
      return (await this.serde.decode(contract, value)).value;
    } catch (error) {
      if (error instanceof PoisonMessageError) return undefined;
      throw error;
    }
  }
}
