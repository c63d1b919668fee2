import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { SpanKind } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import {
  type DrainConfig,
  type DrainState,
  type ErpShipmentConfirmation,
  ErpTransientError,
  initialDrainState,
  planDrain,
  recordAttempt,
} from '@crossdock/erp/domain';
import { OBSERVABILITY_LOGGER, runWithCorrelation, withSpan } from '@crossdock/observability';
import { Leadership, OutboxRelay, Wakeable } from '@crossdock/outbox';
import type { ErpShipmentConfirmationPort } from '@crossdock/shipment-events/erp';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import type { ErpShipmentConfirmation as QueuedConfirmation } from '../generated/prisma/client';
import { shipmentEventsMetrics } from '../metrics/shipment-events.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { ErpConfirmationQueueRepository } from './erp-confirmation-queue.repository';
import { ERP_SHIPMENT_CONFIRMATION_PORT } from './erp-confirmation-port.provider';
import { toConfirmationRequest, toDrainEntry } from './erp-confirmation.request';

/** Planning reads the oldest pending packages only, a few per free in-flight slot, not the whole backlog of an outage. */
const PENDING_WINDOW_PER_SLOT = 4;
const MIN_PENDING_WINDOW = 16;

/**
 * One drainer per deployment, so the ERP's rate limit holds with several instances: a session
 * advisory lock (`Leadership`, as the outbox relay and order-ingest's ERP drainer), under its own id.
 */
const ERP_CONFIRMATION_DRAINER_LOCK_ID = 7_310_006;

/**
 * Posts every shipped package's goods issue to the ERP once: drains the ErpShipmentConfirmation queue
 * oldest first, within the ERP's rate limit, pausing the whole drain while the ERP is down or throttling,
 * with @crossdock/erp/domain's drain policy (`planDrain`, `recordAttempt`) deciding and this class doing
 * the I/O. A posting is recorded in the transaction that marks its row CONFIRMED; a crash between the
 * ERP's answer and that commit leaves the row PENDING, and the resend gets the same goods issue back
 * because the ERP keys goods issues by package reference. A refusal (unknown order, over-shipment, …)
 * leaves the queue as an ERP_REJECTED exception instead of being retried forever.
 */
@Injectable()
export class ErpConfirmationDrainer extends Wakeable implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly drainConfig: DrainConfig;
  private state: DrainState;
  /** Calls awaiting the ERP's answer, by order (one at a time per order), with their package. */
  private readonly inFlight = new Map<string, { readonly packageReference: string; readonly call: Promise<void> }>();
  private readonly leadership: Leadership;
  private leader = false;
  private running: Promise<void> | undefined;

  constructor(
    prisma: PrismaService,
    private readonly queue: ErpConfirmationQueueRepository,
    private readonly relay: OutboxRelay,
    @Inject(ERP_SHIPMENT_CONFIRMATION_PORT) private readonly port: ErpShipmentConfirmationPort | null,
    @Inject(APP_CONFIG) private readonly config: ShipmentEventsConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    super();
    this.drainConfig = {
      rateLimit: { capacity: config.ERP_RATE_LIMIT_BURST, refillPerSecond: config.ERP_RATE_LIMIT_PER_SECOND },
      maxInFlight: config.ERP_MAX_IN_FLIGHT,
      backoff: { initialMs: config.ERP_BACKOFF_INITIAL_MS, factor: 2, maxMs: config.ERP_BACKOFF_MAX_MS },
    };
    this.state = initialDrainState(this.drainConfig, Date.now());
    // The calls run on other connections, so the lock's own connection is checked now and then: one that
    // died silently must end this term before another instance starts its own.
    this.leadership = new Leadership(prisma.sql, ERP_CONFIRMATION_DRAINER_LOCK_ID, { checkEveryMs: Math.max(1_000, config.ERP_DRAIN_POLL_MS * 4) });
  }

  onApplicationBootstrap(): void {
    if (this.port === null) {
      this.logger.warn('no ERP configured (ERP_ADAPTER): ship confirmations are queued and not posted');
      return;
    }
    this.running ??= this.loop(this.port);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stop();
    await this.running;
  }

  private async loop(port: ErpShipmentConfirmationPort): Promise<void> {
    while (!this.stopping) {
      let wakeAt: number | null = null;
      try {
        const holds = (await this.leadership.lead()) !== null;
        // A new leader starts with a full bucket; the previous one stopped sending when it lost the lock.
        if (holds && !this.leader) this.state = initialDrainState(this.drainConfig, Date.now());
        this.leader = holds;
        if (this.leader) wakeAt = await this.round(port);
      } catch (error) {
        this.logger.error({ err: error }, 'ERP confirmation drain round failed; retrying');
      }
      const now = Date.now();
      const poll = now + this.config.ERP_DRAIN_POLL_MS;
      await this.sleep((wakeAt === null ? poll : Math.min(wakeAt, poll)) - now);
    }
    await Promise.allSettled([...this.inFlight.values()].map((f) => f.call));
    this.leadership.resign();
  }

  /** Plans and dispatches once; returns when the plan wants to run again (null: when woken or polled). */
  private async round(port: ErpShipmentConfirmationPort): Promise<number | null> {
    const freeSlots = this.drainConfig.maxInFlight - this.inFlight.size;
    // Every slot busy: nothing could be sent, and each answer wakes the next round.
    if (freeSlots <= 0) return null;
    const rows = await this.queue.pending(
      Math.max(MIN_PENDING_WINDOW, freeSlots * PENDING_WINDOW_PER_SLOT),
      [...this.inFlight.values()].map((f) => f.packageReference),
    );
    const byReference = new Map(rows.map((row) => [row.packageReference, row]));
    const plan = planDrain(rows.map(toDrainEntry), new Set(this.inFlight.keys()), this.state, this.drainConfig, Date.now());
    this.state = plan.state;
    for (const entry of plan.dispatch) {
      const row = byReference.get(entry.id);
      if (row) this.dispatch(port, row);
    }
    return plan.nextWakeAt;
  }

  private dispatch(port: ErpShipmentConfirmationPort, row: QueuedConfirmation): void {
    const call = this.attempt(port, row)
      .catch((error: unknown) =>
        this.logger.error({ err: error, packageReference: row.packageReference }, 'ERP confirmation not recorded; it stays queued and is sent again'),
      )
      .finally(() => {
        this.inFlight.delete(row.orderId);
        // A freed slot, or this order's next package, may go now.
        this.wake();
      });
    this.inFlight.set(row.orderId, { packageReference: row.packageReference, call });
  }

  private attempt(port: ErpShipmentConfirmationPort, row: QueuedConfirmation): Promise<void> {
    return runWithCorrelation({ correlationId: row.orderId, orderId: row.orderId }, () =>
      withSpan(
        'erp confirm shipment',
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'crossdock.order_id': row.orderId,
            'crossdock.package_reference': row.packageReference,
            'crossdock.erp.system': port.erpSystem,
            'crossdock.erp.attempt': row.attempts + 1,
          },
        },
        async (span) => {
          let answer: ErpShipmentConfirmation | undefined;
          let failure: unknown = null;
          try {
            answer = await port.confirm(toConfirmationRequest(row));
          } catch (error) {
            failure = error;
          }
          const result = recordAttempt(toDrainEntry(row), failure, this.state, this.drainConfig, Date.now());
          this.state = result.state;
          const outcome = result.outcome;
          span.setAttribute('crossdock.erp.outcome', outcome.kind);
          if (outcome.kind === 'DONE') {
            // No failure means confirm() returned its goods issue.
            const posted = answer as ErpShipmentConfirmation;
            await this.queue.confirmed(row, posted);
            shipmentEventsMetrics.erpConfirmationCalls.inc({ outcome: posted.created ? 'POSTED' : 'ALREADY_POSTED', reason: '' });
            // The fulfilment record with the posting is in the outbox.
            this.relay.wake();
          } else if (outcome.kind === 'RETRY') {
            const reason = failure instanceof ErpTransientError ? failure.kind : 'UNCLASSIFIED';
            const message = failure instanceof Error ? failure.message : String(failure);
            shipmentEventsMetrics.erpConfirmationCalls.inc({ outcome: 'RETRY', reason });
            await this.queue.reschedule(row, outcome.entry.attempts, outcome.entry.notBefore, `${reason}: ${message}`);
            this.logger.warn(
              { packageReference: row.packageReference, reason, attempts: outcome.entry.attempts, notBefore: outcome.entry.notBefore },
              'ERP confirmation will be retried',
            );
          } else {
            shipmentEventsMetrics.erpConfirmationCalls.inc({ outcome: 'REFUSED', reason: outcome.error.code });
            (await this.queue.refused(row, outcome.error))?.();
            this.logger.warn({ packageReference: row.packageReference, code: outcome.error.code, err: outcome.error }, 'ERP refused the ship confirmation');
          }
        },
      ),
    );
  }
}
