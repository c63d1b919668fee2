import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { ErpQueueDrainer } from '@crossdock/erp/client';
import { type ErpOrderPayload, ErpTransientError } from '@crossdock/erp/domain';
import { extractTraceContext, OBSERVABILITY_LOGGER } from '@crossdock/observability';
import type { ErpCancellation, ErpOrderPort, ErpSubmission } from '@crossdock/order-ingest/domain';
import { OutboxRelay } from '@crossdock/outbox';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';
import type { ErpQueueEntry } from '../generated/prisma/client';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { ErpCompletionService } from './erp-completion.service';
import { ERP_ORDER_PORT } from './erp-port.provider';
import { ErpQueueRepository, type QueuedCall, toQueueEntry } from './erp-queue.repository';

const STATS_EVERY_MS = 1_000;

/**
 * One drainer per deployment, so the ERP's rate limit and each order's call sequence hold with
 * several instances: the same session advisory lock mechanism as the outbox relay (`Leadership`),
 * under its own id.
 */
const ERP_DRAINER_LOCK_ID = 7_310_002;

/**
 * Drains the durable ERP queue (submissions and cancels) with @crossdock/erp/client's `ErpQueueDrainer`:
 * per-order sequence, oldest first, within the ERP's rate limit, pausing the whole queue while the ERP
 * is down or throttling. This class says what a call is here: claimed under the order's lock before it
 * goes, recorded by `ErpCompletionService`, and reported HELD once when it waited too long. Survives
 * restarts because the queue is a table: whatever was PENDING when the process died is simply sent
 * again, and the ERP's upsert by external id makes that resubmission harmless.
 */
@Injectable()
export class ErpDrainerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly drainer: ErpQueueDrainer<QueuedCall, ErpQueueEntry, ErpSubmission | ErpCancellation>;
  private statsAt = 0;

  constructor(
    prisma: PrismaService,
    private readonly queue: ErpQueueRepository,
    private readonly completion: ErpCompletionService,
    private readonly relay: OutboxRelay,
    @Inject(ERP_ORDER_PORT) private readonly port: ErpOrderPort,
    @Inject(APP_CONFIG) private readonly config: OrderIngestConfig,
    @Inject(OBSERVABILITY_LOGGER) logger: Logger,
  ) {
    this.drainer = new ErpQueueDrainer({
      settings: config,
      leaderLock: { db: prisma.sql, id: ERP_DRAINER_LOCK_ID },
      logger,
      messages: {
        roundFailed: 'ERP drain round failed; retrying',
        notRecorded: 'ERP call failed before an answer was recorded; it stays queued',
        willRetry: 'ERP call will be retried',
      },
      logFields: (row) => ({ orderId: row.orderId }),
      trace: (entry) => ({
        name: `erp ${entry.kind.toLowerCase()}`,
        parent: extractTraceContext({ traceparent: entry.traceparent ?? undefined }),
        correlation: { correlationId: entry.correlationId ?? entry.orderId, orderId: entry.orderId },
        attributes: { 'crossdock.erp.system': port.erpSystem },
      }),
      beforeRound: (now) => this.refreshGauges(now),
      beforePlan: (rows, ordersInFlight, now) => this.noticeLongWaits(rows, ordersInFlight, now),
      queue: {
        entry: toQueueEntry,
        pending: (limit, inFlight) =>
          queue.pending(
            limit,
            inFlight.map((row) => row.id),
          ),
        claim: async (rows) => [...(await queue.claimMany(rows)).values()],
        send: (entry) => this.send(entry),
        succeeded: (entry, answer) => this.succeeded(entry, answer),
        reschedule: async (entry, retry) => {
          orderIngestMetrics.erpCalls.inc({ kind: entry.kind, outcome: 'RETRY' });
          orderIngestMetrics.erpRetries.inc({ reason: retry.reason });
          await queue.reschedule(entry, retry.entry, retry.lastError);
        },
        refused: async (entry, error) => {
          orderIngestMetrics.erpCalls.inc({ kind: entry.kind, outcome: 'PARK' });
          await completion.parked(entry, error);
          relay.wake();
        },
      },
    });
  }

  /** Runs a round soon: a commit queued a call. */
  wake(): void {
    this.drainer.wake();
  }

  onApplicationBootstrap(): void {
    this.drainer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drainer.close();
  }

  private async send(entry: ErpQueueEntry): Promise<ErpSubmission | ErpCancellation> {
    if (entry.kind !== 'SUBMIT') return this.port.cancel(entry.orderId, cancelReason(entry));
    const submission = await this.port.submit(entry.payload as unknown as ErpOrderPayload);
    if (this.config.CROSSDOCK_TEST_CRASH_AFTER_ERP_SUBMIT) {
      // Test-only: die in the worst place, after the ERP booked the order and before we recorded it.
      process.kill(process.pid, 'SIGKILL');
    }
    return submission;
  }

  private async succeeded(entry: ErpQueueEntry, answer: ErpSubmission | ErpCancellation): Promise<void> {
    orderIngestMetrics.erpCalls.inc({ kind: entry.kind, outcome: 'DONE' });
    // A submission's completion wakes the relay for its OrderAccepted.
    if (entry.kind === 'SUBMIT') await this.completion.submitted(entry, this.port.erpSystem, answer as ErpSubmission);
    else {
      await this.completion.cancelled(entry, answer as ErpCancellation);
      this.relay.wake();
    }
  }

  /** The queue's depth and age and the held orders by reason, at most once a second. */
  private async refreshGauges(now: number): Promise<void> {
    if (now - this.statsAt < STATS_EVERY_MS) return;
    this.statsAt = now;
    const stats = await this.queue.stats(now);
    orderIngestMetrics.erpQueueDepth.set(stats.depth);
    orderIngestMetrics.erpQueueOldestAge.set(stats.oldestAgeMs / 1000);
    orderIngestMetrics.heldOrders.reset();
    for (const row of await this.queue.heldByReason()) orderIngestMetrics.heldOrders.set({ reason: row.reason ?? 'UNKNOWN' }, row.count);
  }

  /** Submissions that failed and have waited longer than the notice period: tell the channel once. */
  private async noticeLongWaits(rows: readonly QueuedCall[], ordersInFlight: ReadonlySet<string>, now: number): Promise<void> {
    const overdue = rows.filter(
      (r) =>
        r.kind === 'SUBMIT' &&
        r.attempts > 0 &&
        r.delayNotifiedAt === null &&
        !ordersInFlight.has(r.orderId) &&
        now - r.enqueuedAt.getTime() >= this.config.ERP_UNAVAILABLE_NOTICE_AFTER_MS,
    );
    for (const row of overdue) await this.completion.delayed(row, lastTransientError(row));
    if (overdue.length > 0) this.relay.wake();
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
