import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SpanKind, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { Topics, type TopicDefinition } from '@crossdock/contracts';
import { EventPublisher } from '@crossdock/messaging';
import { extractTraceContext, OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { type LockedSession, sql } from '@crossdock/persistence';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { OutboxHandover, type RelayedEvent } from './outbox-handover';
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
 *
 * The leading relay keeps one connection that holds a session advisory lock: another instance
 * takes over when that connection ends (crash, shutdown, lost connection). Its rounds are then a
 * scan and a mark, with no transaction around them (five round trips per round before). Events a
 * writer hands over in memory (`handover`) are published without the scan.
 */
@Injectable()
export class EventOutboxRelay extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly handover = new OutboxHandover({ readyToPublish: () => this.wakeNow(), scanNeeded: () => this.wake() });
  private running: Promise<void> | undefined;
  private session: LockedSession | undefined;
  /** Rows may be waiting that only a scan finds: woken by a writer, polled, or a batch left more. */
  private scanDue = true;

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

  /** A writer committed events this relay must find by scanning. */
  override wake(): void {
    this.scanDue = true;
    super.wake();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      let published = 0;
      try {
        published = await this.relayOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'outbox relay failed; retrying');
        // What the failed round had taken is still in the outbox, unpublished: a scan finds it.
        this.scanDue = true;
        if (this.session?.lost) this.resign();
      }
      // A full batch may have left more behind; otherwise wait to be woken (a writer's commit, a
      // hand-over) or for the poll, which finds other instances' rows.
      if (published === BATCH_SIZE || this.handover.hasReady) continue;
      if ((await this.sleep(this.config.OUTBOX_POLL_MS)) === 'elapsed') this.scanDue = true;
    }
    this.resign();
  }

  /** One round: the handed-over events, or a scan's batch; returns how many events were published. */
  async relayOnce(): Promise<number> {
    const session = await this.lead();
    if (!session) return 0;
    let rows: RelayedEvent[];
    let dispatch: 'at_once' | 'scanned' = 'at_once';
    if (this.scanDue) {
      dispatch = 'scanned';
      this.scanDue = false;
      // Straight SQL: under load this runs every few milliseconds, and Prisma's per-statement and
      // per-row work showed in profiles.
      const scanned = await session.query<RelayedEvent>(sql`
        SELECT "id", "topic", "messageKey", "eventId", "payload", "traceparent", "correlationId", "causationId"
        FROM "EventOutbox" WHERE "publishedAt" IS NULL ORDER BY "id" LIMIT ${BATCH_SIZE}`);
      const releasable = this.handover.releasable(scanned);
      // Held back behind an event being handed over (whose hand-over wakes the loop), or a full batch.
      if (releasable.cut || scanned.length === BATCH_SIZE) this.scanDue = true;
      rows = releasable.rows;
    } else {
      rows = this.handover.takeReady();
    }
    if (rows.length === 0) return 0;
    await this.publish(rows, dispatch);
    await session.query(sql`
      UPDATE "EventOutbox" SET "publishedAt" = ${new Date().toISOString()}::timestamp WHERE "id" = ANY(${rows.map((r) => r.id.toString())}::bigint[])`);
    return rows.length;
  }

  /** This process's lock session, taken when free; null while another instance leads. */
  private async lead(): Promise<LockedSession | null> {
    if (this.session && !this.session.lost) return this.session;
    this.resign();
    const session = await this.prisma.sql.lockedSession(RELAY_LOCK_ID);
    if (!session) return null;
    try {
      // For this connection only, no bitmap scans: one re-reads every event published since the
      // table's last vacuum (thousands, 5-11 ms, after a burst), where an index scan of the
      // unpublished index stops at its batch and marks published entries for the next scan to skip.
      await session.query(sql`SELECT set_config('enable_bitmapscan', 'off', false)`);
    } catch (error) {
      session.end();
      throw error;
    }
    this.session = session;
    this.scanDue = true;
    this.handover.lead();
    return session;
  }

  private resign(): void {
    if (!this.session) return;
    this.session.end();
    this.session = undefined;
    this.handover.resign();
  }

  private async publish(rows: readonly RelayedEvent[], dispatch: 'at_once' | 'scanned'): Promise<void> {
    if (rows.length === 1) {
      // The usual case: publish inside the order's own trace, so its trace reaches the outcome event.
      const [row] = rows as [RelayedEvent];
      await withSpan('order-ingest outbox relay', { parent: extractTraceContext({ traceparent: row.traceparent ?? undefined }) }, () =>
        this.publishRun(row.topic as OutcomeTopic, rows, false),
      );
      orderIngestMetrics.eventsPublished.inc({ topic: row.topic, dispatch });
      return;
    }
    // A burst: one send per topic run (order kept), in a relay span linked to every order's trace;
    // each event still carries its own order's trace to whoever consumes it.
    const links = rows
      .map((r) => extractTraceContext({ traceparent: r.traceparent ?? undefined }))
      .map((ctx) => ({ context: spanContextOf(ctx) }))
      .filter((l): l is { context: NonNullable<ReturnType<typeof spanContextOf>> } => l.context !== undefined);
    await withSpan('order-ingest outbox relay', { kind: SpanKind.INTERNAL, links, attributes: { 'crossdock.outbox.batch': rows.length } }, async () => {
      let run: RelayedEvent[] = [];
      for (const row of rows) {
        if (run.length > 0 && run[0]?.topic !== row.topic) {
          await this.publishRun(run[0]?.topic as OutcomeTopic, run, true);
          run = [];
        }
        run.push(row);
      }
      if (run.length > 0) await this.publishRun(run[0]?.topic as OutcomeTopic, run, true);
    });
    for (const row of rows) orderIngestMetrics.eventsPublished.inc({ topic: row.topic, dispatch });
  }

  /** `ownTraces`: the batch's span belongs to no one order, so each event carries its order's trace. */
  private async publishRun(topic: OutcomeTopic, rows: readonly RelayedEvent[], ownTraces: boolean): Promise<void> {
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
          ...(ownTraces && row.traceparent ? { traceparent: row.traceparent } : {}),
        },
      })),
    );
  }
}

function spanContextOf(ctx: ReturnType<typeof extractTraceContext>) {
  return trace.getSpanContext(ctx);
}
