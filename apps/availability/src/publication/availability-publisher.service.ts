import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { context, trace, type Link } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { messageKey, Topics, type ChannelAvailability } from '@crossdock/contracts';
import { EventPublisher } from '@crossdock/messaging';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { AvailabilityCoalescer, buildChannelAvailability, type Publication } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';
import { ChannelRulesService } from '../channel-rules/channel-rules.service';
import { availabilityMetrics } from '../inventory/availability.metrics';
import { InventoryStateService } from '../inventory/inventory-state.service';
import { TimerScheduler } from './timer.scheduler';

// A send costs about the same per record at 500 or 2,000, so bigger batches drain a backlog in fewer
// round trips; a record is 500-600 bytes with its headers (traceparent included), so 1,500 stay under
// the broker's default 1 MiB batch limit even if they all fell on one partition.
const MAX_BATCH = 1_500;

interface Queued {
  readonly publication: Publication<ChannelAvailability>;
  /** The consume span of the change that produced the figure, linked from the publish span. */
  readonly link: Link | undefined;
}

/**
 * Publishes per-channel availability when a SKU's inputs change: recomputes the figure for every
 * channel account the change can affect, lets the coalescer drop unchanged numbers and merge
 * bursts, and sends what remains in batches, one batch in flight, so records of a key stay in
 * order. Handlers do not wait for the send: a hot SKU would otherwise stall its partition on
 * Kafka round trips; the publish span links back to each triggering consume span instead.
 */
@Injectable()
export class AvailabilityPublisherService implements BeforeApplicationShutdown {
  private readonly coalescer: AvailabilityCoalescer<ChannelAvailability>;
  private readonly queue: Queued[] = [];
  private draining: Promise<void> | undefined;
  private lastVersion = 0;

  constructor(
    private readonly state: InventoryStateService,
    private readonly channelRules: ChannelRulesService,
    private readonly publisher: EventPublisher,
    @Inject(APP_CONFIG) config: AvailabilityConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    this.coalescer = new AvailabilityCoalescer<ChannelAvailability>({
      windowMs: config.AVAILABILITY_COALESCING_WINDOW_MS,
      scheduler: new TimerScheduler(),
      publish: (publication) => this.enqueue(publication),
    });
    void this.state.whenRebuilt().then(() => this.refreshChangedWhileDown());
  }

  /**
   * Recomputes the SKU for the channel accounts served by `locationIds` (all channel accounts
   * when undefined, e.g. after an item master change) and offers the figures for publication.
   */
  refresh(sku: string, locationIds?: readonly string[]): void {
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
      this.coalescer.offer(channelAccountId, sku, record.sellableQuantity, record);
    }
  }

  // Changes that arrived while the service was down were read by the rebuild, not the live
  // consumer; publish their figures now, yielding between chunks so queries are still answered.
  private async refreshChangedWhileDown(): Promise<void> {
    const skus = this.state.takeChangedWhileDown();
    for (let i = 0; i < skus.length; i++) {
      const sku = skus[i];
      if (sku !== undefined) this.refresh(sku);
      if (i % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
    }
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
    // Consumers have stopped: publish what the open windows hold, then wait for the sends.
    this.coalescer.flush();
    await this.drained();
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
