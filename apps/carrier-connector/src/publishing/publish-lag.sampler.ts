import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { OutboxRelay, Wakeable } from '@crossdock/outbox';
import type { CarrierConnectorConfig } from '../config/carrier-connector-config.schema';
import { carrierMetrics } from '../metrics/carrier-connector.metrics';
import { PrismaService } from '../prisma/prisma.service';

const BATCH = 1_000;

/**
 * Reads the publish lag of tracking updates (outbox row written -> relay published) into
 * `crossdock_carrier_connector_publish_lag_seconds`. Every instance follows the outbox, the
 * relay's leader alone observes, so a lag is counted once however many instances run. The relay
 * publishes in id order, so following the published rows by id sees each one.
 */
@Injectable()
export class PublishLagSampler extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private lastId: bigint | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: CarrierConnectorConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    super(0);
  }

  onApplicationBootstrap(): void {
    this.running ??= this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }

  /** One pass: the rows published since the last pass; returns how many were observed. */
  async sampleOnce(): Promise<number> {
    // Start after what was published before this process: those were measured by whoever ran then.
    this.lastId ??= (await this.prisma.sql.$queryRawUnsafe<Array<{ id: bigint | null }>>('SELECT max("id") AS "id" FROM "EventOutbox"'))[0]?.id ?? 0n;
    const rows = await this.prisma.sql.$queryRawUnsafe<Array<{ id: bigint; lagMs: number }>>(
      `SELECT "id", (EXTRACT(EPOCH FROM ("publishedAt" - "createdAt")) * 1000)::float8 AS "lagMs"
       FROM "EventOutbox" WHERE "id" > $1::bigint AND "publishedAt" IS NOT NULL ORDER BY "id" LIMIT ${BATCH}`,
      this.lastId.toString(),
    );
    const leading = this.relay.leading;
    for (const row of rows) {
      if (leading) carrierMetrics.publishLag.observe(Math.max(0, row.lagMs) / 1000);
      this.lastId = BigInt(row.id);
    }
    return leading ? rows.length : 0;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.sampleOnce();
      } catch (error) {
        this.logger.warn({ err: error }, 'publish lag not sampled this round');
      }
      await this.sleep(this.config.PUBLISH_LAG_SAMPLE_MS);
    }
  }
}
