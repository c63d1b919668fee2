import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { ErpQueueDrainer } from '@crossdock/erp/client';
import type { ErpShipmentConfirmation } from '@crossdock/erp/domain';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { OutboxRelay } from '@crossdock/outbox';
import type { ErpShipmentConfirmationPort } from '@crossdock/shipment-events/erp';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import type { ErpShipmentConfirmation as QueuedConfirmation } from '../generated/prisma/client';
import { shipmentEventsMetrics } from '../metrics/shipment-events.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { ErpConfirmationQueueRepository } from './erp-confirmation-queue.repository';
import { ERP_SHIPMENT_CONFIRMATION_PORT } from './erp-confirmation-port.provider';
import { toConfirmationRequest, toDrainEntry } from './erp-confirmation.request';

/**
 * One drainer per deployment, so the ERP's rate limit holds with several instances: a session
 * advisory lock (`Leadership`, as the outbox relay and order-ingest's ERP drainer), under its own id.
 */
const ERP_CONFIRMATION_DRAINER_LOCK_ID = 7_310_006;

/**
 * Posts every shipped package's goods issue to the ERP once: drains the ErpShipmentConfirmation queue
 * with @crossdock/erp/client's `ErpQueueDrainer` (oldest first, within the ERP's rate limit, pausing the
 * whole drain while the ERP is down or throttling). A posting is recorded in the transaction that marks
 * its row CONFIRMED; a crash between the ERP's answer and that commit leaves the row PENDING, and the
 * resend gets the same goods issue back because the ERP keys goods issues by package reference. A refusal
 * (unknown order, over-shipment, …) leaves the queue as an ERP_REJECTED exception instead of being
 * retried forever.
 */
@Injectable()
export class ErpConfirmationDrainer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly drainer: ErpQueueDrainer<QueuedConfirmation, QueuedConfirmation, ErpShipmentConfirmation> | null;

  constructor(
    prisma: PrismaService,
    queue: ErpConfirmationQueueRepository,
    relay: OutboxRelay,
    @Inject(ERP_SHIPMENT_CONFIRMATION_PORT) port: ErpShipmentConfirmationPort | null,
    @Inject(APP_CONFIG) config: ShipmentEventsConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    this.drainer =
      port === null
        ? null
        : new ErpQueueDrainer<QueuedConfirmation, QueuedConfirmation, ErpShipmentConfirmation>({
            settings: config,
            leaderLock: { db: prisma.sql, id: ERP_CONFIRMATION_DRAINER_LOCK_ID },
            logger,
            messages: {
              roundFailed: 'ERP confirmation drain round failed; retrying',
              notRecorded: 'ERP confirmation not recorded; it stays queued and is sent again',
              willRetry: 'ERP confirmation will be retried',
            },
            logFields: (row) => ({ packageReference: row.packageReference }),
            trace: (row) => ({
              name: 'erp confirm shipment',
              correlation: { correlationId: row.orderId, orderId: row.orderId },
              attributes: { 'crossdock.package_reference': row.packageReference, 'crossdock.erp.system': port.erpSystem },
            }),
            queue: {
              entry: toDrainEntry,
              pending: (limit, inFlight) =>
                queue.pending(
                  limit,
                  inFlight.map((row) => row.packageReference),
                ),
              // Nothing to claim: the leader alone sends, and a row changed meanwhile is settled by its status.
              claim: async (rows) => rows,
              send: (row) => port.confirm(toConfirmationRequest(row)),
              succeeded: async (row, posted) => {
                await queue.confirmed(row, posted);
                shipmentEventsMetrics.erpConfirmationCalls.inc({ outcome: posted.created ? 'POSTED' : 'ALREADY_POSTED', reason: '' });
                // The fulfilment record with the posting is in the outbox.
                relay.wake();
              },
              reschedule: async (row, retry) => {
                shipmentEventsMetrics.erpConfirmationCalls.inc({ outcome: 'RETRY', reason: retry.reason });
                await queue.reschedule(row, retry.entry.attempts, retry.entry.notBefore, retry.lastError);
              },
              refused: async (row, error) => {
                shipmentEventsMetrics.erpConfirmationCalls.inc({ outcome: 'REFUSED', reason: error.code });
                (await queue.refused(row, error))?.();
                logger.warn({ packageReference: row.packageReference, code: error.code, err: error }, 'ERP refused the ship confirmation');
              },
            },
          });
  }

  /** Runs a round soon: a commit queued a confirmation. */
  wake(): void {
    this.drainer?.wake();
  }

  onApplicationBootstrap(): void {
    if (this.drainer === null) {
      this.logger.warn('no ERP configured (ERP_ADAPTER): ship confirmations are queued and not posted');
      return;
    }
    this.drainer.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.drainer?.close();
  }
}
