import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { afterReleaseAttempt, planReleaseDispatch, releaseRoute, type LocationDispatchState, type WarehouseAnswer } from '@crossdock/connectors/domain';
import { APP_CONFIG } from '@crossdock/config';
import type { WarehouseRelease } from '@crossdock/contracts';
import { extractTraceContext, OBSERVABILITY_LOGGER, runWithCorrelation, withSpan } from '@crossdock/observability';
import { Leadership, OutboxRelay, Wakeable } from '@crossdock/outbox';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { MAILBOX_RELEASE_SENDER, type MailboxDelivery, type MailboxReleaseSender } from './release-delivery.port';
import { releaseMetrics } from './release.metrics';
import { ReleaseQueueRepository, type StoredRelease } from './release-queue.repository';
import { WmsReleaseClient } from './wms-release.client';

/** One dispatcher per deployment (session advisory lock), so two instances never send the same release. */
const RELEASE_DISPATCHER_LOCK_ID = 7_310_101;
const QUEUE_WINDOW = 200;
const STATS_EVERY_MS = 1_000;

/**
 * Sends queued releases to their locations' systems: the WMS API for a warehouse, a 940 in the
 * mailbox for a 3PL. Per location one release at a time, oldest first; a location whose system
 * does not answer waits out a capped backoff while the others go on (`planReleaseDispatch`,
 * `afterReleaseAttempt`). Each answer is stored with its outcome event in one transaction. A crash
 * after the warehouse took a release and before its answer was stored sends it again on restart:
 * the WMS returns the request it made for that external reference, and a 3PL deduplicates the
 * 940's depositor order number.
 */
@Injectable()
export class ReleaseDispatcherService extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly leadership: Leadership;
  private readonly locations = new Map<string, LocationDispatchState>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly mailboxLocations: ReadonlySet<string>;
  private running: Promise<void> | undefined;
  private statsAt = 0;

  constructor(
    prisma: PrismaService,
    private readonly queue: ReleaseQueueRepository,
    private readonly wms: WmsReleaseClient,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: WmsConnectorConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
    @Inject(MAILBOX_RELEASE_SENDER) private readonly mailbox: MailboxReleaseSender,
  ) {
    super();
    this.mailboxLocations = mailbox.locations;
    // The calls run on other connections: the lock's connection is checked now and then, so a
    // connection that died silently ends this term before another instance starts its own.
    this.leadership = new Leadership(prisma.sql, RELEASE_DISPATCHER_LOCK_ID, { checkEveryMs: Math.max(1_000, config.RELEASE_POLL_MS * 4) });
  }

  /** The 3PL locations releases can be sent to (their mailboxes are configured). */
  get mailboxes(): ReadonlySet<string> {
    return this.mailboxLocations;
  }

  /** Each location's dispatch state (consecutive failures, next attempt, last error), for the status API. */
  locationStates(): ReadonlyMap<string, LocationDispatchState> {
    return this.locations;
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
      let wakeAt: number | null = null;
      try {
        if ((await this.leadership.lead()) !== null) wakeAt = await this.round();
      } catch (error) {
        this.logger.error({ err: error }, 'release dispatch round failed; retrying');
      }
      const now = Date.now();
      const poll = now + this.config.RELEASE_POLL_MS;
      await this.sleep((wakeAt === null ? poll : Math.min(wakeAt, poll)) - now);
    }
    await Promise.allSettled(this.inFlight.values());
    this.leadership.resign();
  }

  private async round(): Promise<number | null> {
    const now = Date.now();
    if (now - this.statsAt >= STATS_EVERY_MS) {
      this.statsAt = now;
      releaseMetrics.queued.reset();
      releaseMetrics.oldestAge.reset();
      for (const row of await this.queue.backlog(now)) {
        releaseMetrics.queued.set({ location: row.locationId }, row.queued);
        releaseMetrics.oldestAge.set({ location: row.locationId }, row.oldestAgeMs / 1000);
      }
    }
    const queued = await this.queue.queued(QUEUE_WINDOW);
    const plan = planReleaseDispatch(
      queued.map((row) => ({ id: row.id.toString(), locationId: row.locationId, row })),
      this.locations,
      new Set(this.inFlight.keys()),
      now,
    );
    for (const { row } of plan.dispatch) {
      const call = this.deliver(row)
        .catch((error: unknown) =>
          this.logger.error({ err: error, releaseId: row.releaseId }, 'release delivery failed before its answer was stored; it stays queued'),
        )
        .finally(() => {
          this.inFlight.delete(row.locationId);
          // The location's next release may go now.
          this.wake();
        });
      this.inFlight.set(row.locationId, call);
    }
    return plan.nextWakeAt;
  }

  private async deliver(row: StoredRelease): Promise<void> {
    const release = row.release as unknown as WarehouseRelease;
    const parent = extractTraceContext({ traceparent: row.traceparent ?? undefined });
    await runWithCorrelation({ correlationId: row.orderId, orderId: row.orderId }, () =>
      withSpan(
        `warehouse ${row.action.toLowerCase()}`,
        {
          parent,
          kind: SpanKind.CLIENT,
          attributes: { 'crossdock.order_id': row.orderId, 'crossdock.release_id': row.releaseId, 'crossdock.location_id': row.locationId },
        },
        async (span) => {
          const { answer, drop } = await this.send(release, row);
          span.setAttribute('crossdock.release.answer', answer.kind === 'OUTCOME' ? answer.status : answer.kind);
          const state = afterReleaseAttempt(
            this.locations.get(row.locationId),
            answer.kind === 'OUTCOME' ? { reached: true } : { reached: false, error: answer.error },
            Date.now(),
            {
              initialMs: this.config.RELEASE_BACKOFF_INITIAL_MS,
              maxMs: this.config.RELEASE_BACKOFF_MAX_MS,
            },
          );
          this.locations.set(row.locationId, state);
          if (answer.kind === 'UNREACHABLE') {
            releaseMetrics.unreachable.inc({ location: row.locationId });
            await this.queue.noteUnreachable(row, answer.error);
            this.logger.warn({ releaseId: row.releaseId, locationId: row.locationId, failures: state.failures, retryAt: state.nextAttemptAt }, answer.error);
            return;
          }
          if (await this.queue.recordAnswer(row, answer, drop)) {
            releaseMetrics.outcomes.inc({ location: row.locationId, action: row.action, status: answer.status });
            this.relay.wake();
          }
        },
      ),
    );
  }

  private async send(release: WarehouseRelease, row: StoredRelease): Promise<MailboxDelivery> {
    const route = releaseRoute(release, this.config.WMS_FACILITY_MAP, this.mailboxLocations);
    // Routed when it was received; the configuration has changed since.
    if (route.kind === 'REFUSED') return { answer: rejected(route.code, route.message) };
    if (route.kind === 'MAILBOX') return this.mailbox.send(release, row);
    if (release.action === 'RELEASE') return { answer: await this.wms.release(release, route.facilityId) };
    return { answer: await this.wms.cancel(release, await this.queue.warehouseReferenceOf(release.releaseId)) };
  }
}

function rejected(reason: string, detail: string): WarehouseAnswer {
  return { kind: 'OUTCOME', status: 'REJECTED', warehouseReference: null, reason, detail };
}
