import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { context, trace, type Link } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { messageKey, Topics, type ChannelAvailability } from '@crossdock/contracts';
import { EventPublisher } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { Leadership } from '@crossdock/outbox';
import { AvailabilityCoalescer, buildChannelAvailability, figureFingerprint, type Publication } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { ChannelRulesService } from '../channel-rules/channel-rules.service';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { PrismaService } from '../prisma/prisma.service';
import { PublishedFigures } from './published-figures.reader';
import { TimerScheduler } from './timer.scheduler';

/** The advisory lock of the publishing role (availability's database; the outbox relay holds 7_310_001). */
export const PUBLISHER_LOCK_ID = 7_310_201;
// How often an instance that does not publish tries for the role, and the publisher checks it still holds it.
const LEAD_EVERY_MS = 1_000;

// A send costs about the same per record at 500 or 2,000, so bigger batches drain a backlog in fewer
// round trips; a record is 500-600 bytes with its headers (traceparent included), so 1,500 stay under
// the broker's default 1 MiB batch limit even if they all fell on one partition.
const MAX_BATCH = 1_500;
// Records waiting to be sent beyond which the first term's recompute of every SKU waits for the sends.
const TAKEOVER_QUEUE_LIMIT = 3 * MAX_BATCH;

interface Queued {
  readonly publication: Publication<ChannelAvailability>;
  /** The consume span of the change that produced the figure, linked from the publish span. */
  readonly link: Link | undefined;
}

/**
 * Publishes per-channel availability when a SKU's inputs change, from ONE instance at a time (a
 * leader lock): every instance holds the same inputs (whole tables, committed units re-read from
 * the database), so one publisher is enough, and two would race each other's figures. It
 * recomputes the figure for every channel account the change can affect, lets the coalescer drop
 * unchanged numbers and merge bursts, and sends what remains in batches, one batch in flight, so
 * records of a key stay in order. Handlers do not wait for the send: a hot SKU would otherwise
 * stall its partition on Kafka round trips; the publish span links back to each triggering
 * consume span instead.
 *
 * A new term starts with a reconciliation: the figures last published are read back from the
 * compacted topic, and every SKU is recomputed, so whatever changed while nobody published (the
 * service down, the previous publisher killed before its send) goes out, and nothing else.
 */
@Injectable()
export class AvailabilityPublisherService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly coalescer: AvailabilityCoalescer<ChannelAvailability>;
  private readonly queue: Queued[] = [];
  private readonly leadership: Leadership;
  private draining: Promise<void> | undefined;
  private lastVersion = 0;
  private leading = false;
  private leadTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly state: InventoryStateService,
    private readonly channelRules: ChannelRulesService,
    private readonly publisher: EventPublisher,
    private readonly published: PublishedFigures,
    prisma: PrismaService,
    @Inject(APP_CONFIG) config: AvailabilityConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    this.coalescer = new AvailabilityCoalescer<ChannelAvailability>({
      windowMs: config.AVAILABILITY_COALESCING_WINDOW_MS,
      scheduler: new TimerScheduler(),
      publish: (publication) => this.enqueue(publication),
    });
    this.leadership = new Leadership(prisma.sql, PUBLISHER_LOCK_ID, { checkEveryMs: LEAD_EVERY_MS });
    this.state.onInputsChanged((sku, locationIds) => this.refresh(sku, locationIds));
  }

  onApplicationBootstrap(): void {
    void this.state.whenRebuilt().then(() => this.tryToLead());
  }

  /** Whether this instance publishes now. */
  isPublishing(): boolean {
    return this.leading;
  }

  /**
   * Recomputes the SKU for the channel accounts served by `locationIds` (all channel accounts
   * when undefined, e.g. after an item master change) and offers the figures for publication;
   * nothing on an instance that does not publish.
   */
  refresh(sku: string, locationIds?: readonly string[]): void {
    if (!this.leading) return;
    const rules = this.channelRules.rules();
    const accounts = new Set<string>();
    if (locationIds === undefined) for (const channel of rules.channelAccounts()) accounts.add(channel.channelAccountId);
    else for (const locationId of locationIds) for (const channel of rules.channelsServing(locationId)) accounts.add(channel.channelAccountId);
    const now = Date.now();
    for (const result of this.state.sellableFor(sku, accounts, now)) {
      // Unknown is not zero: a SKU nobody reported is never published (a 0 would delist it).
      if (result.kind !== 'SELLABLE') continue;
      const { channelAccountId } = result;
      const channel = rules.channel(channelAccountId)?.channel ?? 'UNKNOWN';
      const record = buildChannelAvailability(result, { channel, channelSku: null, computedAt: now, version: this.nextVersion(now) });
      this.coalescer.offer(channelAccountId, sku, figureFingerprint(record), record);
    }
  }

  // One try per LEAD_EVERY_MS: take the role when it is free, notice when it was lost.
  private async tryToLead(): Promise<void> {
    if (this.stopped) return;
    try {
      const session = await this.leadership.lead();
      if (session && !this.leading) await this.takeOver();
      else if (!session && this.leading) this.stepDown('another instance publishes');
    } catch (error) {
      if (this.stopped) return;
      if (this.leading) this.stepDown('the lock could not be confirmed');
      this.logger.warn({ err: error }, 'channel availability publisher role not checked; retrying');
    }
    if (!this.stopped) this.leadTimer = setTimeout(() => void this.tryToLead(), LEAD_EVERY_MS);
  }

  private async takeOver(): Promise<void> {
    const started = performance.now();
    const figures = await this.published.read();
    for (const figure of figures) {
      this.coalescer.seedPublished(figure.channelAccountId, figure.sku, figure.figure);
      this.lastVersion = Math.max(this.lastVersion, figure.version);
    }
    this.leading = true;
    availabilityMetrics.publisherLeading.set(1);
    availabilityMetrics.publisherTakeovers.inc();
    const skus = this.state.positions.skus();
    for (let i = 0; i < skus.length && this.leading; i++) {
      const sku = skus[i];
      if (sku !== undefined) this.refresh(sku);
      // Between chunks: yield so queries and handlers are still served, and let the sends catch
      // up, so a first term over a million SKUs never holds more than a few batches of records.
      if (i % 1_000 === 999) {
        await new Promise((resolve) => setImmediate(resolve));
        while (this.queue.length > TAKEOVER_QUEUE_LIMIT && this.draining) await this.draining;
      }
    }
    this.logger.info({ figuresOnTopic: figures.length, skus: skus.length, seconds: (performance.now() - started) / 1000 }, 'publishing channel availability');
  }

  private stepDown(why: string): void {
    this.leading = false;
    this.leadership.resign();
    availabilityMetrics.publisherLeading.set(0);
    this.logger.warn({ why }, 'no longer publishing channel availability');
  }

  /** Publications waiting to be sent plus coalescing windows open: for tests and gauges. */
  backlog(): { queued: number; openWindows: number } {
    return { queued: this.queue.length, openWindows: this.coalescer.openWindows() };
  }

  /** Resolves when everything offered so far has been sent (or the send failed and was logged). */
  async drained(): Promise<void> {
    while (this.draining) await this.draining;
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.leadTimer);
    // Consumers have stopped: publish what the open windows hold, wait for the sends, then hand the role on.
    this.coalescer.flush();
    await this.drained();
    this.leading = false;
    this.leadership.resign();
  }

  // Per key the versions must grow, across restarts too: microseconds of the wall clock, bumped
  // when two figures fall in the same microsecond. Stays below 2^53 until the year 2255.
  private nextVersion(now: number): number {
    this.lastVersion = Math.max(this.lastVersion + 1, now * 1000);
    return this.lastVersion;
  }

  private enqueue(publication: Publication<ChannelAvailability>): void {
    const spanContext = trace.getSpanContext(context.active());
    this.queue.push({ publication, link: spanContext ? { context: spanContext } : undefined });
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  private async drain(): Promise<void> {
    // Let the handler that offered finish its synchronous work, so one burst goes out as one batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await withSpan(
          'availability publish',
          { links: batch.flatMap((q) => (q.link ? [q.link] : [])), attributes: { 'crossdock.availability.records': batch.length } },
          () =>
            this.publisher.publishMany(
              Topics.channelAvailability,
              batch.map(({ publication }) => ({
                key: messageKey(Topics.channelAvailability, publication.value),
                value: publication.value,
                options: { correlationId: `${publication.sku}@${publication.channelAccountId}` },
              })),
            ),
        );
        const ackedAt = Date.now();
        for (const { publication } of batch) availabilityMetrics.publicationDelay.observe((ackedAt - publication.firstOfferedAt) / 1000);
        availabilityMetrics.published.inc(batch.length);
      } catch (error) {
        // The producer retries without limit, so this is shutdown or a bug; the next change re-publishes.
        this.logger.error({ err: error, records: batch.length }, 'channel availability publication failed');
      }
    }
  }
}
