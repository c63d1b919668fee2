import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import type { ConsumedLine } from '@crossdock/availability/domain';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { availabilityMetrics } from './availability.metrics';
import { InventoryStateService } from './inventory-state.service';

// One write per batch of lines; a burst of ERP positions settles many lines at once.
const BATCH = 200;

/**
 * Marks `ConsumedLine` rows settled once memory forgot them (the ERP position reflects all their
 * units), so the start-up rebuild reads only the lines still awaiting the ERP instead of the whole
 * shipped history. The row is kept: the next statement's shipped difference is measured against it.
 *
 * Marked after the fact and off the handlers' path: a mark that is lost (crash, database error)
 * only means the next rebuild reloads the line and its ERP position settles it again. A mark is
 * written only while the row still holds exactly what was settled (quantities and postings), so
 * a statement committed in between, which clears the mark, is never marked settled by an older
 * decision.
 */
@Injectable()
export class ConsumedLineSettlements implements OnApplicationShutdown {
  private readonly pending = new Map<string, ConsumedLine>();
  private flushing: Promise<void> | undefined;

  constructor(
    state: InventoryStateService,
    private readonly prisma: PrismaService,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    state.onConsumedSettled((lines) => this.mark(lines));
  }

  mark(lines: readonly ConsumedLine[]): void {
    for (const line of lines) this.pending.set(lineKey(line), line);
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  /** Resolves once every mark handed over so far is written (or given up). */
  async whenIdle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.whenIdle();
  }

  private async flush(): Promise<void> {
    while (this.pending.size > 0) {
      // In key order: every instance marks the same lines, and rows locked in one order cannot deadlock.
      const keys = [...this.pending.keys()].sort().slice(0, BATCH);
      const batch = keys.map((key) => this.pending.get(key) as ConsumedLine);
      for (const key of keys) this.pending.delete(key);
      try {
        const settledAt = new Date();
        const results = await this.prisma.$transaction(
          batch.map((line) => this.prisma.consumedLine.updateMany({ where: stillAsSettled(line), data: { settledAt } })),
        );
        availabilityMetrics.consumedLinesSettled.inc(results.reduce((sum, result) => sum + result.count, 0));
      } catch (error) {
        // Best effort by design: the rebuild settles these lines again.
        this.logger.warn({ err: error, lines: batch.length }, 'consumed lines not marked settled; the next rebuild settles them again');
      }
    }
  }
}

function lineKey(line: ConsumedLine): string {
  return `${line.orderId}\u0000${line.lineId}\u0000${line.locationId}`;
}

function stillAsSettled(line: ConsumedLine): Prisma.ConsumedLineWhereInput {
  return {
    orderId: line.orderId,
    lineId: line.lineId,
    locationId: line.locationId,
    shippedQuantity: line.shippedQuantity,
    consumedQuantity: line.consumedQuantity,
    postings: { equals: line.postings as unknown as Prisma.InputJsonValue },
    settledAt: null,
  };
}
