import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { extractTraceContext, OBSERVABILITY_LOGGER, runWithCorrelation, withSpan } from '@crossdock/observability';
import { type DrainConfig, type DrainState, type ErpOrderPayload, ErpTransientError, initialDrainState, planDrain, recordAttempt } from '@crossdock/erp/domain';
import type { ErpCancellation, ErpOrderPort, ErpSubmission } from '@crossdock/order-ingest/domain';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import type { ErpQueueEntry } from '../generated/prisma/client';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { Leadership, OutboxRelay, Wakeable } from '@crossdock/outbox';
import { PrismaService } from '../prisma/prisma.service';
import { ErpCompletionService } from './erp-completion.service';
import { ERP_ORDER_PORT } from './erp-port.provider';
import { ErpQueueRepository, type QueuedCall, toQueueEntry } from './erp-queue.repository';

/**
 * Planning reads the oldest pending calls only, a few per free in-flight slot: reading the whole
 * backlog every round would make a deep queue (an ERP outage) slow to drain, and under a backlog a
 * round runs after every few answers, so a fixed window of hundreds of rows was read back (and
 * mapped) ~14 times per order drained. Entries of one order are enqueued in sequence order, so an
 * order's head is always inside the window when any of its entries is; a window full of entries
 * that must wait (behind an order's call in flight) only delays the next dispatch to the next round.
 */
const PENDING_WINDOW_PER_SLOT = 4;
const MIN_PENDING_WINDOW = 16;
const STATS_EVERY_MS = 1_000;

/**
 * One drainer per deployment, so the ERP's rate limit and each order's call sequence hold with
 * several instances: the same session advisory lock mechanism as the outbox relay (`Leadership`),
 * under its own id.
 */
const ERP_DRAINER_LOCK_ID = 7_310_002;

/**
 * Drains the durable ERP queue: per-order sequence, oldest first, within the ERP's rate limit,
 * pausing the whole queue while the ERP is down or throttling (the domain's `planDrain` and
 * `recordAttempt` decide; this class only does the I/O). Survives restarts because the queue is a
 * table: whatever was PENDING when the process died is simply sent again, and the ERP's upsert by
 * external id makes that resubmission harmless.
 */
@Injectable()
export class ErpDrainerService extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly drainConfig: DrainConfig;
  private state: DrainState;
  /** Calls awaiting the ERP's answer, by order (one at a time per order), with their queue entry's id. */
  private readonly inFlight = new Map<string, { readonly entryId: bigint; readonly call: Promise<void> }>();
  private readonly leadership: Leadership;
  private leader = false;
  private running: Promise<void> | undefined;
  private statsAt = 0;

  constructor(
    prisma: PrismaService,
    private readonly queue: ErpQueueRepository,
    private readonly completion: ErpCompletionService,
    private readonly relay: OutboxRelay,
    @Inject(ERP_ORDER_PORT) private readonly port: ErpOrderPort,
    @Inject(APP_CONFIG) private readonly config: OrderIngestConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    super();
    this.drainConfig = {
      rateLimit: { capacity: config.ERP_RATE_LIMIT_BURST, refillPerSecond: config.ERP_RATE_LIMIT_PER_SECOND },
      maxInFlight: config.ERP_MAX_IN_FLIGHT,
      backoff: { initialMs: config.ERP_BACKOFF_INITIAL_MS, factor: 2, maxMs: config.ERP_BACKOFF_MAX_MS },
    };
    this.state = initialDrainState(this.drainConfig, Date.now());
    // Its work runs on other connections, so the lock's connection is checked now and then: one that
    // died silently must end this term before another instance starts its own.
    this.leadership = new Leadership(prisma.sql, ERP_DRAINER_LOCK_ID, { checkEveryMs: Math.max(1_000, config.ERP_DRAIN_POLL_MS * 4) });
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
        const holds = (await this.leadership.lead()) !== null;
        // A new leader starts with a full bucket; the previous one stopped sending when it lost the lock.
        if (holds && !this.leader) this.state = initialDrainState(this.drainConfig, Date.now());
        this.leader = holds;
        if (this.leader) wakeAt = await this.round();
      } catch (error) {
        this.logger.error({ err: error }, 'ERP drain round failed; retrying');
      }
      const now = Date.now();
      const poll = now + this.config.ERP_DRAIN_POLL_MS;
      await this.sleep((wakeAt === null ? poll : Math.min(wakeAt, poll)) - now);
    }
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.call));
    this.leadership.resign();
  }

  /** Plans and dispatches once; returns when the plan wants to run again (null: when woken or polled). */
  private async round(): Promise<number | null> {
    const now = Date.now();
    if (now - this.statsAt >= STATS_EVERY_MS) {
      this.statsAt = now;
      const stats = await this.queue.stats(now);
      orderIngestMetrics.erpQueueDepth.set(stats.depth);
      orderIngestMetrics.erpQueueOldestAge.set(stats.oldestAgeMs / 1000);
      orderIngestMetrics.heldOrders.reset();
      for (const row of await this.queue.heldByReason()) orderIngestMetrics.heldOrders.set({ reason: row.reason ?? 'UNKNOWN' }, row.count);
    }
    const freeSlots = this.drainConfig.maxInFlight - this.inFlight.size;
    // Every slot busy: nothing could be sent, and each answer wakes the next round.
    if (freeSlots <= 0) return null;
    const window = Math.max(MIN_PENDING_WINDOW, freeSlots * PENDING_WINDOW_PER_SLOT);
    const rows = await this.queue.pending(
      window,
      [...this.inFlight.values()].map((f) => f.entryId),
    );
    await this.noticeLongWaits(rows, now);
    const byId = new Map(rows.map((r) => [r.id.toString(), r]));
    const plan = planDrain(rows.map(toQueueEntry), new Set(this.inFlight.keys()), this.state, this.drainConfig, Date.now());
    this.state = plan.state;
    const dispatch = plan.dispatch.map((entry) => byId.get(entry.id)).filter((row): row is QueuedCall => row !== undefined);
    if (dispatch.length === 0) return plan.nextWakeAt;
    // One claim transaction for the round; each call then goes out as soon as it is claimed.
    const claims = this.queue.claimMany(dispatch);
    for (const row of dispatch)
      this.dispatch(
        row,
        claims.then((claimed) => claimed.get(row.id.toString())),
      );
    return plan.nextWakeAt;
  }

  /** Makes the call once `claimed` has the entry (undefined: someone else changed it meanwhile). */
  private dispatch(row: QueuedCall, claimed: Promise<ErpQueueEntry | undefined>): void {
    const call = claimed
      .then((entry) => (entry ? this.attempt(row, entry) : undefined))
      .catch((error: unknown) => this.logger.error({ err: error, orderId: row.orderId }, 'ERP call failed before an answer was recorded; it stays queued'))
      .finally(() => {
        this.inFlight.delete(row.orderId);
        // A freed slot, or this order's next call, may go now.
        this.wake();
      });
    this.inFlight.set(row.orderId, { entryId: row.id, call });
  }

  /** Submissions that failed and have waited longer than the notice period: tell the channel once. */
  private async noticeLongWaits(rows: readonly QueuedCall[], now: number): Promise<void> {
    const overdue = rows.filter(
      (r) =>
        r.kind === 'SUBMIT' &&
        r.attempts > 0 &&
        r.delayNotifiedAt === null &&
        !this.inFlight.has(r.orderId) &&
        now - r.enqueuedAt.getTime() >= this.config.ERP_UNAVAILABLE_NOTICE_AFTER_MS,
    );
    for (const row of overdue) await this.completion.delayed(row, lastTransientError(row));
    if (overdue.length > 0) this.relay.wake();
  }

  private async attempt(row: QueuedCall, claimed: ErpQueueEntry): Promise<void> {
    const parent = extractTraceContext({ traceparent: claimed.traceparent ?? undefined });
    const correlation = { correlationId: claimed.correlationId ?? row.orderId, orderId: row.orderId };
    await runWithCorrelation(correlation, () =>
      withSpan(
        `erp ${row.kind.toLowerCase()}`,
        {
          parent,
          kind: SpanKind.CLIENT,
          attributes: { 'crossdock.order_id': row.orderId, 'crossdock.erp.system': this.port.erpSystem, 'crossdock.erp.attempt': row.attempts + 1 },
        },
        async (span) => {
          let answer: ErpSubmission | ErpCancellation | undefined;
          let failure: unknown = null;
          try {
            answer =
              claimed.kind === 'SUBMIT'
                ? await this.port.submit(claimed.payload as unknown as ErpOrderPayload)
                : await this.port.cancel(row.orderId, cancelReason(claimed));
          } catch (error) {
            failure = error;
          }
          if (failure === null && row.kind === 'SUBMIT' && this.config.CROSSDOCK_TEST_CRASH_AFTER_ERP_SUBMIT) {
            // Test-only: die in the worst place, after the ERP booked the order and before we recorded it.
            process.kill(process.pid, 'SIGKILL');
          }
          const result = recordAttempt(toQueueEntry(row), failure, this.state, this.drainConfig, Date.now());
          this.state = result.state;
          const outcome = result.outcome;
          orderIngestMetrics.erpCalls.inc({ kind: row.kind, outcome: outcome.kind });
          span.setAttribute('crossdock.erp.outcome', outcome.kind);
          if (outcome.kind === 'DONE') {
            // A submission's completion wakes the relay for its OrderAccepted.
            if (row.kind === 'SUBMIT') await this.completion.submitted(claimed, this.port.erpSystem, answer as ErpSubmission);
            else {
              await this.completion.cancelled(claimed, answer as ErpCancellation);
              this.relay.wake();
            }
          } else if (outcome.kind === 'RETRY') {
            const reason = failure instanceof ErpTransientError ? failure.kind : 'UNCLASSIFIED';
            orderIngestMetrics.erpRetries.inc({ reason });
            const message = failure instanceof Error ? failure.message : String(failure);
            await this.queue.reschedule(row, outcome.entry, `${reason}: ${message}`);
            this.logger.warn(
              { orderId: row.orderId, reason, attempts: outcome.entry.attempts, notBefore: outcome.entry.notBefore },
              'ERP call will be retried',
            );
          } else {
            await this.completion.parked(claimed, outcome.error);
            this.relay.wake();
          }
        },
      ),
    );
  }
}

/** The failure recorded by `reschedule` (`KIND: message`), as the error the exception queue shows. */
function lastTransientError(row: QueuedCall): ErpTransientError {
  const [kind, ...rest] = (row.lastError ?? 'NETWORK: no answer').split(': ');
  const known = ['OUTAGE', 'THROTTLED', 'TIMEOUT', 'NETWORK'] as const;
  const match = known.find((k) => k === kind);
  return new ErpTransientError(match ?? 'NETWORK', match ? rest.join(': ') : (row.lastError ?? 'no answer'));
}

function cancelReason(row: { payload: unknown }): string {
  const payload = row.payload as { reasonCode?: unknown } | null;
  return typeof payload?.reasonCode === 'string' ? payload.reasonCode : 'CHANNEL_CANCELLED';
}
