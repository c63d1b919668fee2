import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { APP_CONFIG } from '@crossdock/config';
import { OBSERVABILITY_LOGGER, withSpan } from '@crossdock/observability';
import { OutboxRelay } from '@crossdock/outbox';
import type { ShipmentEventsConfig } from '../config/shipment-events-config.schema';
import { PrismaService } from '../prisma/prisma.service';
import { FactApplier } from './fact-applier.service';

const BATCH = 200;

/**
 * Tries waiting facts again and turns those past SHIPMENT_UNKNOWN_ORDER_GRACE_MS into exceptions
 * (UNKNOWN_ORDER, UNKNOWN_TRACKING_NUMBER). Each fact in its own transaction with its row locked
 * (SKIP LOCKED), so any number of instances can sweep at once without doing anything twice; it also
 * catches a fact whose order or package arrived while the fact was being stored.
 */
@Injectable()
export class WaitingFactsSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaService,
    private readonly applier: FactApplier,
    private readonly relay: OutboxRelay,
    @Inject(APP_CONFIG) private readonly config: ShipmentEventsConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer ??= setInterval(() => {
      this.running ??= withSpan('shipment-events waiting facts sweep', {}, () => this.sweep())
        .then((n) => {
          if (n > 0) this.logger.info({ decided: n }, 'waiting facts swept');
        })
        .catch((error: unknown) => this.logger.error({ err: error }, 'waiting facts sweep failed'))
        .finally(() => (this.running = undefined));
    }, this.config.SHIPMENT_WAITING_SWEEP_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One round; the number of facts that stopped waiting (applied or parked). */
  async sweep(now = Date.now()): Promise<number> {
    const waiting = await this.prisma.shipmentFact.findMany({
      where: { status: 'WAITING' },
      orderBy: { receivedAt: 'asc' },
      take: BATCH,
      select: { factId: true },
    });
    let decided = 0;
    for (const { factId } of waiting) {
      const after = await this.prisma.$transaction(async (tx) => {
        const locked = await tx.$queryRaw<Array<{ factId: string }>>`
          SELECT "factId" FROM "ShipmentFact" WHERE "factId" = ${factId} AND "status" = 'WAITING' FOR UPDATE SKIP LOCKED`;
        if (locked.length === 0) return null;
        const fact = await tx.shipmentFact.findUniqueOrThrow({ where: { factId } });
        const result = await this.applier.apply(tx, fact, 'EXPIRE_IF_DUE', now);
        return result.outcome === 'WAITING' ? null : result.after;
      });
      if (!after) continue;
      decided += 1;
      for (const done of after) done();
    }
    if (decided > 0) this.relay.wake();
    return decided;
  }
}
