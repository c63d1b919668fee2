import type { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from '@crossdock/observability';
import type { SqlExecutor, SqlStatement } from '@crossdock/persistence';
import { Wakeable } from '../loop/wakeable.loop';
import type { OutboxRelay } from './outbox.relay';

/** An outbox row the relay has published, as a follower observes it. */
export interface PublishedEvent<P = unknown> {
  readonly id: bigint;
  /** Catalog key of the topic (`shipmentMilestones`). */
  readonly topic: string;
  /** When the row was written, in the transaction of the change it announces. */
  readonly createdAt: Date;
  /** When the relay marked it published (just after Kafka acknowledged it). */
  readonly publishedAt: Date;
  /** The event as written, or only the fields named in `payloadFields` (missing ones as null). */
  readonly payload: P;
}

export interface PublishedEventsFollowerOptions<P> {
  /** The service's pool (`SqlPool`, a service database's `sql`). */
  readonly db: Pick<SqlExecutor, 'query'>;
  /** The service's relay: only its leader observes, so each event is observed once across instances. */
  readonly relay: Pick<OutboxRelay, 'leading'>;
  /** The catalog keys to follow; every topic when omitted. */
  readonly topics?: readonly string[];
  /** Read only these payload fields (none: `[]`), not the whole event: a batch of 1000 payloads is not read for a timestamp. */
  readonly payloadFields?: readonly string[];
  /** How often to look for newly published rows. */
  readonly everyMs: number;
  readonly logger: Pick<Logger, 'warn'>;
  /** What a failed round's warning names, e.g. `publish lag` ("publish lag not sampled this round"). */
  readonly name?: string;
  readonly batchSize?: number;
  /** Called for each published row, in id order, on the relay's leader only. */
  readonly observe: (event: PublishedEvent<P>) => void;
}

interface PublishedRow {
  id: bigint;
  topic: string;
  createdAt: Date;
  publishedAt: Date;
  payload: unknown;
}

// One statement whatever the options: a null topic list means every topic, a null field list the
// whole payload. The id's primary key walks the rows in order and stops at the batch.
const FOLLOW = `SELECT "id", "topic", "createdAt", "publishedAt",
       CASE WHEN $3::text[] IS NULL THEN "payload"
            ELSE COALESCE((SELECT jsonb_object_agg("field", "payload" -> "field") FROM unnest($3::text[]) AS "fields"("field")), '{}'::jsonb) END AS "payload"
FROM "EventOutbox"
WHERE "id" > $1::bigint AND "publishedAt" IS NOT NULL AND ($2::text[] IS NULL OR "topic" = ANY($2::text[]))
ORDER BY "id" LIMIT $4::int`;

// Where a follower starts: after every row already written.
const START: SqlStatement = { name: 'outbox.published-start', text: 'SELECT max("id") AS "id" FROM "EventOutbox"', values: [] };

/**
 * Follows the outbox's published rows and hands each to `observe` once: the place to measure what
 * publishing took (written -> published, or a source's clock in the payload -> published). Every
 * instance follows, the relay's leader alone observes, so an event counts once however many
 * instances run. The relay publishes in id order, so following published rows by id sees each one
 * (a row committed after a higher id was already followed is not observed). It starts after the
 * rows already in the outbox at start: those were observed by whoever ran then.
 */
export class PublishedEventsFollower<P = unknown> extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly batchSize: number;
  private lastId: bigint | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: PublishedEventsFollowerOptions<P>) {
    super(0);
    this.batchSize = options.batchSize ?? 1_000;
  }

  onApplicationBootstrap(): void {
    this.running ??= this.loop();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }

  /** One round: the rows published since the last one; returns how many were observed. */
  async followOnce(): Promise<number> {
    this.lastId ??= (await this.options.db.query<{ id: bigint | null }>(START))[0]?.id ?? 0n;
    const rows = await this.options.db.query<PublishedRow>(this.follow(this.lastId));
    const leading = this.options.relay.leading;
    for (const row of rows) {
      // Moved on before observing: an observer that throws fails the round without that row coming back.
      this.lastId = BigInt(row.id);
      if (leading) this.options.observe(row as PublishedEvent<P>);
    }
    return leading ? rows.length : 0;
  }

  private follow(afterId: bigint): SqlStatement {
    const { topics, payloadFields } = this.options;
    return { name: 'outbox.published-follow', text: FOLLOW, values: [afterId.toString(), topics ?? null, payloadFields ?? null, this.batchSize] };
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.followOnce();
      } catch (error) {
        this.options.logger.warn({ err: error }, `${this.options.name ?? 'published events'} not sampled this round`);
      }
      await this.sleep(this.options.everyMs);
    }
  }
}
