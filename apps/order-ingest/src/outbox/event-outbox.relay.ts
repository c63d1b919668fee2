import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SpanKind, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { Topics, type TopicDefinition } from '@crossdock/contracts';
import { EventPublisher } from '@crossdock/messaging';
import { extractTraceContext, OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { sql } from '@crossdock/persistence';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import type { EventOutbox } from '../generated/prisma/client';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { Wakeable } from './wakeable';
import type { OutcomeTopic } from './event-outbox.writer';

/** Only one relay publishes at a time (across instances), which is what keeps each order's events in order. */
const RELAY_LOCK_ID = 7_310_001;
const BATCH_SIZE = 500;

const CONTRACTS: Readonly<Record<OutcomeTopic, TopicDefinition>> = {
  ordersAccepted: Topics.ordersAccepted,
  ordersRejected: Topics.ordersRejected,
  orderCancellations: Topics.orderCancellations,
};

/**
 * Publishes committed outcome events from the outbox in id order, then marks them published.
 * A crash between publishing and marking re-publishes the same event (same eventId and
 * outcomeSequence, which consumers deduplicate on per the contract): at-least-once on the wire,
 * exactly-once in effect, and never lost, because nothing is published that was not committed.
 */
@Injectable()
export class EventOutboxRelay extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly publisher: EventPublisher,
    @Inject(APP_CONFIG) private readonly config: OrderIngestConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.running ??= this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let relayed = 0;
      try {
        relayed = await this.relayOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox relay failed; retrying');
      }
      // A short batch emptied the outbox as far as this instance knows: each commit that adds rows
      // wakes the loop, and the poll finds other instances' rows. Looking again at once cost a whole
      // empty transaction per batch.
      if (relayed < BATCH_SIZE) await this.sleep(this.config.OUTBOX_POLL_MS);
    }
  }

  /** One batch under the relay lock; returns how many events were published. */
  async relayOnce(): Promise<number> {
    // Straight SQL: under load this runs every few milliseconds, and Prisma's per-statement and
    // per-row work showed in profiles. The transaction holds the lock while the batch is published.
    return this.prisma.sql.transaction(async (tx) => {
      // And, for this transaction only, no bitmap scans: one re-reads every event published since the
      // table's last vacuum (thousands, 5-11 ms, after a burst), where an index scan of the
      // unpublished index stops at its batch and marks published entries for the next scan to skip.
      const [lock] = await tx.query<{ locked: boolean }>(
        sql`SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_ID}) AS locked, set_config('enable_bitmapscan', 'off', true)`,
      );
      if (!lock?.locked) return 0;
      const rows = await tx.query<EventOutbox>(sql`
        SELECT * FROM "EventOutbox" WHERE "publishedAt" IS NULL ORDER BY "id" LIMIT ${BATCH_SIZE}`);
      if (rows.length === 0) return 0;
      await this.publish(rows);
      await tx.query(sql`
        UPDATE "EventOutbox" SET "publishedAt" = ${new Date().toISOString()}::timestamp WHERE "id" = ANY(${rows.map((r) => r.id.toString())}::bigint[])`);
      return rows.length;
    });
  }

  private async publish(rows: readonly EventOutbox[]): Promise<void> {
    if (rows.length === 1) {
      // The usual case: publish inside the order's own trace, so its trace reaches the outcome event.
      const [row] = rows as [EventOutbox];
      await withSpan('order-ingest outbox relay', { parent: extractTraceContext({ traceparent: row.traceparent ?? undefined }) }, () =>
        this.publishRun(row.topic as OutcomeTopic, rows),
      );
      orderIngestMetrics.eventsPublished.inc({ topic: row.topic });
      return;
    }
    // A burst: one send per topic run (order kept), in a relay span linked to every order's trace.
    const links = rows
      .map((r) => extractTraceContext({ traceparent: r.traceparent ?? undefined }))
      .map((ctx) => ({ context: spanContextOf(ctx) }))
      .filter((l): l is { context: NonNullable<ReturnType<typeof spanContextOf>> } => l.context !== undefined);
    await withSpan('order-ingest outbox relay', { kind: SpanKind.INTERNAL, links, attributes: { 'crossdock.outbox.batch': rows.length } }, async () => {
      let run: EventOutbox[] = [];
      for (const row of rows) {
        if (run.length > 0 && run[0]?.topic !== row.topic) {
          await this.publishRun(run[0]?.topic as OutcomeTopic, run);
          run = [];
        }
        run.push(row);
      }
      if (run.length > 0) await this.publishRun(run[0]?.topic as OutcomeTopic, run);
    });
    for (const row of rows) orderIngestMetrics.eventsPublished.inc({ topic: row.topic });
  }

  private async publishRun(topic: OutcomeTopic, rows: readonly EventOutbox[]): Promise<void> {
    const contract = CONTRACTS[topic];
    if (!contract) throw new Error(`outbox row for unknown topic '${topic}'`);
    await this.publisher.publishMany(
      contract,
      rows.map((row) => ({
        key: row.messageKey,
        value: row.payload,
        options: {
          correlationId: row.correlationId ?? row.messageKey,
          ...(row.causationId ? { causationId: row.causationId } : {}),
          idempotencyKey: row.eventId,
        },
      })),
    );
  }
}

function spanContextOf(ctx: ReturnType<typeof extractTraceContext>) {
  return trace.getSpanContext(ctx);
}
