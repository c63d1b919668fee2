import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { topicName, Topics, type ChannelAvailability, type ItemMaster } from '@crossdock/contracts';
import { StartupRebuilds, type ReadTables, type TableFeed } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import { ReferenceDataStore } from '../reference-data/reference-data.store';
import { ReferenceTablesService } from './reference-tables.service';

/**
 * Start-up warm-up (a `StartupRebuilds` task), before any order is decided: the reference-data
 * files into the database (and the catalog from it), then the item master and channel availability
 * tables from their compacted topics up to the high-water marks. HTTP answers 503 on
 * /health/ready meanwhile, and the order handler waits. Undecodable records are skipped: the live
 * consumer dead-letters them once, and a rebuild must not dead-letter the same record again on
 * every restart.
 */
@Injectable()
export class TablesRebuildService {
  constructor(
    private readonly tables: ReferenceTablesService,
    private readonly referenceData: ReferenceDataStore,
    rebuilds: StartupRebuilds,
    @Inject(APP_CONFIG) private readonly config: OrderIngestConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    rebuilds.register({
      what: 'order-ingest warm-up',
      readinessCheck: 'reference-data-and-tables',
      timeoutMs: config.TABLE_REBUILD_TIMEOUT_MS,
      isDone: () => this.tables.isRebuilt(),
      attempt: (readTables) => this.warmUp(readTables),
    });
  }

  private async warmUp(readTables: ReadTables): Promise<void> {
    await withSpan('order-ingest warm-up', {}, async (span) => {
      await this.referenceData.loadFromFiles();
      const ns = this.config.TOPIC_NAMESPACE;
      const { records } = await readTables([
        {
          topic: topicName(Topics.itemMaster, ns),
          contract: Topics.itemMaster,
          apply: (key, item) => {
            if (item) this.tables.applyItem(item);
            else if (key !== null) this.tables.removeItem(key);
          },
        } satisfies TableFeed<ItemMaster>,
        {
          topic: topicName(Topics.channelAvailability, ns),
          contract: Topics.channelAvailability,
          apply: (key, record) => {
            if (record) this.tables.applyAvailability(record);
            else if (key !== null) this.tables.removeAvailability(key);
          },
        } satisfies TableFeed<ChannelAvailability>,
      ]);
      span.setAttribute('crossdock.rebuild.records', records);
    });
    this.tables.completeRebuild();
    this.logger.info(this.tables.sizes(), 'order-ingest reference tables rebuilt');
  }
}
