import { Injectable } from '@nestjs/common';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { writeEvaluation } from '../orders/evaluation.writer';
import { OrderEvaluatorService } from '../orders/order-evaluator.service';
import { asJson, lockOrder, snapshotOf } from '../orders/order-record.repository';
import { ErpDrainerService } from '../erp/erp-drainer.service';
import { OutboxRelay } from '@crossdock/outbox';
import { PrismaService } from '../prisma/prisma.service';
import { ReferenceDataStore } from '../reference-data/reference-data.store';
import { ReferenceTablesService } from '../tables/reference-tables.service';
import type { ReplayResultDto } from './exceptions.dto';

export interface ReplayCommand {
  readonly orderIds: readonly string[];
  readonly requestedBy: string;
  readonly reason: string | null;
}

/**
 * Replays held orders against today's reference data, item master and availability. Idempotent:
 * only a HELD order is re-evaluated, so replaying one already released (or replaying twice) changes
 * nothing; an order still held for the same reasons publishes nothing new. Every request is audited
 * per order: who, when, why, the state and reason codes before and after, the reference revisions used.
 */
@Injectable()
export class ReplayService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly evaluator: OrderEvaluatorService,
    private readonly referenceData: ReferenceDataStore,
    private readonly tables: ReferenceTablesService,
    private readonly drainer: ErpDrainerService,
    private readonly relay: OutboxRelay,
  ) {}

  async replay(command: ReplayCommand): Promise<ReplayResultDto[]> {
    await this.tables.whenRebuilt();
    // Another instance may have loaded newer reference data: decide with what the database holds.
    const catalog = await this.referenceData.refresh();
    const results: ReplayResultDto[] = [];
    for (const orderId of new Set(command.orderIds)) results.push(await this.replayOne(orderId, command, catalog.revisions));
    this.drainer.wake();
    this.relay.wake();
    return results;
  }

  private replayOne(orderId: string, command: ReplayCommand, revisions: unknown): Promise<ReplayResultDto> {
    return this.prisma.$transaction(async (tx) => {
      const record = await lockOrder(tx, orderId);
      if (!record) return { orderId, result: 'NOT_FOUND', stateBefore: 'NEW', stateAfter: 'NEW', reasonCodesBefore: [], reasonCodesAfter: [] };
      const snapshot = snapshotOf(record);
      const before = { stateBefore: record.state, reasonCodesBefore: record.reasonCodes };
      let outcome: ReplayResultDto;
      if (record.state !== 'HELD' || !snapshot) {
        outcome = { orderId, result: 'NOT_REPLAYABLE', ...before, stateAfter: record.state, reasonCodesAfter: record.reasonCodes };
      } else {
        const evaluation = await this.evaluator.evaluate(snapshot);
        const codes = evaluation.issues.map((i) => i.reasonCode);
        if (evaluation.disposition === 'HELD' && sameCodes(codes, record.reasonCodes)) {
          outcome = { orderId, result: 'UNCHANGED', ...before, stateAfter: 'HELD', reasonCodesAfter: codes };
        } else {
          const applied = await writeEvaluation(tx, record, snapshot, evaluation);
          outcome = { orderId, result: 'REEVALUATED', ...before, stateAfter: applied.state, reasonCodesAfter: [...applied.reasonCodes] };
        }
      }
      await tx.replayAudit.create({
        data: {
          orderId,
          requestedBy: command.requestedBy,
          reason: command.reason,
          stateBefore: outcome.stateBefore,
          stateAfter: outcome.stateAfter,
          reasonCodesBefore: outcome.reasonCodesBefore,
          reasonCodesAfter: outcome.reasonCodesAfter,
          referenceRevisions: asJson(revisions),
          result: outcome.result,
        },
      });
      orderIngestMetrics.replays.inc({ result: outcome.result });
      return outcome;
    });
  }

  audit(orderId: string) {
    return this.prisma.replayAudit.findMany({ where: { orderId }, orderBy: { id: 'asc' } });
  }
}

function sameCodes(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join('|') === [...b].sort().join('|');
}
