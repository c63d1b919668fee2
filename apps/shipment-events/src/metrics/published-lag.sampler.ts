import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { OutboxRelay, Wakeable } from '@crossdock/outbox';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import { SHIPMENT_EVENT_TOPICS } from '../outbox/shipment-events.outbox';
import { PrismaService } from '../prisma/prisma.service';
import { shipmentEventsMetrics } from './shipment-events.metrics';

const BATCH = 1_000;

interface PublishedRow {
  id: bigint;
  topic: string;
  milestone: string | null;
  source: string | null;
  channel: string | null;
  lagMs: number | null;
}

/**
 * Milestone lag and shipment update timeliness as the issue defines them: from the source's event
 * time (warehouse or carrier clock, `sourceOccurredAt`) to the moment the relay PUBLISHED the
 * milestone or the channel update, read from the outbox rows every SHIPMENT_METRICS_REFRESH_MS.
 * Every instance follows the outbox; only the relay's leader observes, so each event counts once
 * however many instances run. The relay publishes in id order, so following published rows by id
 * sees each one (a row committed after a higher id was already followed is not sampled).
 */
@Injectable()
export class PublishedLagSampler extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private lastId: bigint | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: ShipmentEventsConfig,
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

  /** One pass over the milestones and channel updates published since the last one; how many it observed. */
  async sampleOnce(): Promise<number> {
    // Start after what was published before this process: those were measured by whoever ran then.
    this.lastId ??= (await this.prisma.sql.$queryRawUnsafe<Array<{ id: bigint | null }>>('SELECT max("id") AS "id" FROM "EventOutbox"'))[0]?.id ?? 0n;
    const rows = await this.prisma.sql.$queryRawUnsafe<PublishedRow[]>(
      `SELECT "id", "topic", "payload"->>'milestone' AS "milestone", "payload"->>'source' AS "source", "payload"->>'channel' AS "channel",
              (EXTRACT(EPOCH FROM "publishedAt") * 1000 - ("payload"->>'sourceOccurredAt')::float8)::float8 AS "lagMs"
       FROM "EventOutbox" WHERE "id" > $1::bigint AND "publishedAt" IS NOT NULL AND "topic" = ANY($2::text[]) ORDER BY "id" LIMIT ${BATCH}`,
      this.lastId.toString(),
      [SHIPMENT_EVENT_TOPICS.shipmentMilestones.key, SHIPMENT_EVENT_TOPICS.channelShipmentUpdates.key],
    );
    const leading = this.relay.leading;
    for (const row of rows) {
      this.lastId = BigInt(row.id);
      if (!leading || row.lagMs === null) continue;
      const seconds = Math.max(0, row.lagMs) / 1000;
      if (row.topic === SHIPMENT_EVENT_TOPICS.shipmentMilestones.key) {
        shipmentEventsMetrics.milestoneLag.observe({ milestone: row.milestone ?? 'UNKNOWN', source: row.source ?? 'UNKNOWN' }, seconds);
      } else {
        shipmentEventsMetrics.channelUpdateTimeliness.observe({ channel: row.channel ?? 'UNKNOWN' }, seconds);
      }
    }
    return leading ? rows.length : 0;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.sampleOnce();
      } catch (error) {
        this.logger.warn({ err: error }, 'published lag not sampled this round');
      }
      await this.sleep(this.config.SHIPMENT_METRICS_REFRESH_MS);
    }
  }
}
