import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import { SHIPMENT_EXCEPTION_REASONS, WaitingReason } from '@crossdock/shipment-events/domain';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { shipmentEventsMetrics } from './shipment-events.metrics';

/**
 * Reads the gauges that are state, not events, from the database every SHIPMENT_METRICS_REFRESH_MS:
 * open exceptions by reason, waiting facts by reason, and the ERP confirmation queue's depth and
 * oldest age (the queue table is shared by every instance, so each reports the same figures).
 */
@Injectable()
export class ShipmentGaugesRefresher implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    @Inject(APP_CONFIG) private readonly config: ShipmentEventsConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.refresh()
        .catch((error: unknown) => this.logger.warn({ err: error }, 'shipment gauges not refreshed'))
        .finally(() => (this.running = undefined));
    }, this.config.SHIPMENT_METRICS_REFRESH_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async refresh(now = Date.now()): Promise<void> {
    const [open, waiting, queue] = await Promise.all([
      this.prisma.shipmentException.groupBy({ by: ['reason'], where: { status: 'OPEN' }, _count: { _all: true } }),
      this.prisma.shipmentFact.groupBy({ by: ['reason'], where: { status: 'WAITING' }, _count: { _all: true } }),
      this.prisma.erpShipmentConfirmation.aggregate({ where: { status: { not: 'CONFIRMED' } }, _count: { _all: true }, _min: { createdAt: true } }),
    ]);
    for (const reason of SHIPMENT_EXCEPTION_REASONS)
      shipmentEventsMetrics.openExceptions.set({ reason }, open.find((r) => r.reason === reason)?._count._all ?? 0);
    for (const reason of Object.values(WaitingReason))
      shipmentEventsMetrics.waitingFacts.set({ reason }, waiting.find((r) => r.reason === reason)?._count._all ?? 0);
    shipmentEventsMetrics.erpQueueDepth.set(queue._count._all);
    const oldest = queue._min.createdAt?.getTime();
    shipmentEventsMetrics.erpQueueOldestAge.set(oldest === undefined ? 0 : Math.max(0, (now - oldest) / 1000));
  }
}
