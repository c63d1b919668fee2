import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { SpanKind, trace, type Context } from '@opentelemetry/api';
import type { EventPublisher } from '@crossdock/messaging';
import { counter, extractTraceContext, type Logger, withSpan } from '@crossdock/observability';
import { type LockedSession, type SqlPool, sql } from '@crossdock/persistence';
import { Leadership, LEADER_LOCKS } from '../leader/leader.session';
import { type CappedBackoff, cappedBackoffMs } from '@crossdock/backoff';
import { Wakeable } from '../loop/wakeable.loop';
import type { OutboxCatalog } from './outbox.writer';

const eventsPublished = counter('crossdock_outbox_events_published_total', "Events relayed from a service's outbox to Kafka", ['topic']);

/** An outbox row as the relay publishes it. */
export interface RelayedEvent {
  readonly id: bigint;
  readonly topic: string;
  readonly messageKey: string;
  readonly eventId: string;
  readonly payload: unknown;
  readonly traceparent: string | null;
  readonly correlationId: string | null;
  readonly causationId: string | null;
}

export interface OutboxRelayOptions {
  /** The service's pool: the leader keeps one of its connections, holding the relay's lock. */
  readonly db: Pick<SqlPool, 'lockedSession'>;
  readonly publisher: Pick<EventPublisher, 'publishMany'>;
  /** The topics the service's rows name, by catalog key. */
  readonly catalog: OutboxCatalog;
  /** How often to look when nothing woke the relay: rows of another instance, or left by a crash. */
  readonly pollMs: number;
  readonly logger: Pick<Logger, 'error'>;
  /** The relay's span, e.g. `order-ingest outbox relay`. */
  readonly spanName?: string;
  readonly batchSize?: number;
  /** Waits after failed rounds (Kafka or the database away); the poll interval up to 30 s when omitted. */
  readonly backoff?: CappedBackoff;
}

/**
 * Publishes committed outbox events in id order, then marks them published. A crash between
 * publishing and marking publishes the same events again (same eventId, which consumers deduplicate
 * on): at-least-once on the wire, in order per key, and never lost, because nothing is published
 * that was not committed.
 *
 * One relay publishes at a time across instances, which is what keeps each key's events in order:
 * the leader keeps one connection holding a session advisory lock (`Leadership`), and another
 * instance takes over when that connection ends (crash, shutdown, lost connection). A round is a
 * scan and a mark on that connection, with no transaction around them.
 */
export class OutboxRelay extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly leadership: Leadership;
  private readonly batchSize: number;
  private readonly spanName: string;
  private readonly backoff: CappedBackoff;
  private running: Promise<void> | undefined;

  constructor(private readonly options: OutboxRelayOptions) {
    super();
    this.batchSize = options.batchSize ?? 500;
    this.spanName = options.spanName ?? 'outbox relay';
    this.backoff = options.backoff ?? { initialMs: options.pollMs, maxMs: Math.max(options.pollMs, 30_000) };
    // For the leader's connection only, no bitmap scans: one re-reads every event published since
    // the table's last vacuum (thousands, 5-11 ms, after a burst), where an index scan of the
    // unpublished index stops at its batch and marks published entries for the next scan to skip.
    this.leadership = new Leadership(options.db, LEADER_LOCKS.outboxRelay, {
      onLead: async (session) => {
        await session.query(sql.named('outbox.relay-session')`SELECT set_config('enable_bitmapscan', 'off', false)`);
      },
    });
  }

  onApplicationBootstrap(): void {
    this.running ??= this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }

  /** Whether this process is the one publishing now. */
  get leading(): boolean {
    return this.leadership.leading;
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      let published = 0;
      try {
        published = await this.relayOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.logger.error({ err: error, failures }, 'outbox relay failed; retrying');
      }
      // A full batch may have left more behind; otherwise wait to be woken by a writer's commit, or
      // for the poll, which finds other instances' rows.
      if (failures === 0 && published === this.batchSize) continue;
      await this.sleep(failures > 0 ? cappedBackoffMs(failures, this.backoff) : this.options.pollMs);
    }
    this.leadership.resign();
  }

  /** One round: a scan's batch published and marked; returns how many events were published. */
  async relayOnce(): Promise<number> {
    const session = await this.leadership.lead();
    if (!session) return 0;
    try {
      return await this.round(session);
    } catch (error) {
      // What the round had taken is still unpublished: the next round's scan finds it. A broken
      // connection also ends the term (its lock is gone with it).
      if (session.lost) this.leadership.resign();
      throw error;
    }
  }

  private async round(session: LockedSession): Promise<number> {
    // Straight SQL on the leader's connection: under load this runs every few milliseconds.
    const rows = await session.query<RelayedEvent>(sql.named('outbox.scan')`
      SELECT "id", "topic", "messageKey", "eventId", "payload", "traceparent", "correlationId", "causationId"
      FROM "EventOutbox" WHERE "publishedAt" IS NULL ORDER BY "id" LIMIT ${this.batchSize}`);
    if (rows.length === 0) return 0;
    await this.publish(rows);
    await session.query(sql.named('outbox.mark-published')`
      UPDATE "EventOutbox" SET "publishedAt" = ${new Date().toISOString()}::timestamp WHERE "id" = ANY(${rows.map((r) => r.id.toString())}::bigint[])`);
    for (const row of rows) eventsPublished.inc({ topic: row.topic });
    return rows.length;
  }

  private async publish(rows: readonly RelayedEvent[]): Promise<void> {
    if (rows.length === 1) {
      // The usual case: publish inside the event's own trace, so that trace reaches the consumers.
      const [row] = rows as [RelayedEvent];
      await withSpan(this.spanName, { parent: traceOf(row) }, () => this.publishRun(rows, false));
      return;
    }
    // A burst: one send per run of one topic (order kept), in a relay span linked to every event's
    // trace; each event still carries its own trace to whoever consumes it.
    const links = rows
      .map((row) => trace.getSpanContext(traceOf(row)))
      .filter((context): context is NonNullable<typeof context> => context !== undefined)
      .map((context) => ({ context }));
    await withSpan(this.spanName, { kind: SpanKind.INTERNAL, links, attributes: { 'crossdock.outbox.batch': rows.length } }, async () => {
      let run: RelayedEvent[] = [];
      for (const row of rows) {
        if (run.length > 0 && run[0]?.topic !== row.topic) {
          await this.publishRun(run, true);
          run = [];
        }
        run.push(row);
      }
      if (run.length > 0) await this.publishRun(run, true);
    });
  }

  /** `ownTraces`: the batch's span belongs to no one flow, so each event carries its own trace. */
  private async publishRun(rows: readonly RelayedEvent[], ownTraces: boolean): Promise<void> {
    const topic = rows[0]?.topic ?? '';
    const contract = this.options.catalog[topic];
    if (!contract) throw new Error(`outbox row for topic '${topic}', which is not in the relay's catalog`);
    await this.options.publisher.publishMany(
      contract,
      rows.map((row) => ({
        key: row.messageKey,
        value: row.payload,
        options: {
          idempotencyKey: row.eventId,
          correlationId: row.correlationId ?? row.messageKey,
          ...(row.causationId ? { causationId: row.causationId } : {}),
          ...(ownTraces && row.traceparent ? { traceparent: row.traceparent } : {}),
        },
      })),
    );
  }
}

function traceOf(row: RelayedEvent): Context {
  return extractTraceContext({ traceparent: row.traceparent ?? undefined });
}
