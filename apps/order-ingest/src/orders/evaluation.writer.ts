import { randomUUID } from 'node:crypto';
import type { ChannelOrder } from '@crossdock/contracts';
import { buildErpOrderPayload, type OrderEvaluation, type RuleIssue, toOrderRejected } from '@crossdock/order-ingest/domain';
import type { ChannelOrderRecord, Prisma } from '../generated/prisma/client';
import { currentTraceparent, type OutboxRow, writeOutboxEvents } from '@crossdock/outbox';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { outcomeRow } from '../outbox/outcome-events';
import { asJson } from './order-record.repository';

export interface EvaluationApplied {
  readonly state: 'SUBMISSION_PENDING' | 'HELD' | 'REJECTED';
  readonly reasonCodes: readonly string[];
}

/** The rows a verdict becomes, so that many new orders can be written with one insert per table. */
export interface EvaluationRows {
  readonly record: RecordData;
  readonly erpCall: Prisma.ErpQueueEntryCreateManyInput | null;
  readonly outcome: OutboxRow | null;
  readonly applied: EvaluationApplied;
  /** Counted (exceptions by reason) by whoever writes the rows, once they are written. */
  readonly issues: readonly RuleIssue[];
}

/**
 * Records a validation verdict in the caller's transaction (the consumer's, or a replay's):
 * ACCEPTED queues the ERP submission (the OrderAccepted event waits for the ERP's order number);
 * HELD/REJECTED publishes OrderRejected through the outbox. Either way the snapshot is kept, so
 * operations can replay it once the cause is fixed.
 */
export async function writeEvaluation(
  tx: Prisma.TransactionClient,
  existing: ChannelOrderRecord | null,
  order: ChannelOrder,
  evaluation: OrderEvaluation,
): Promise<EvaluationApplied> {
  const rows = evaluationRows(existing, order, evaluation);
  if (existing) await tx.channelOrderRecord.update({ where: { orderId: order.orderId }, data: rows.record });
  else await tx.channelOrderRecord.create({ data: { orderId: order.orderId, ...rows.record } });
  if (rows.erpCall) await tx.erpQueueEntry.create({ data: rows.erpCall });
  if (rows.outcome) await writeOutboxEvents(tx, [rows.outcome]);
  countExceptions(rows.issues);
  return rows.applied;
}

/** What a verdict writes; call it inside the order's trace (the rows carry the trace on). */
export function evaluationRows(existing: ChannelOrderRecord | null, order: ChannelOrder, evaluation: OrderEvaluation): EvaluationRows {
  const base = {
    channel: order.channel,
    channelAccountId: order.channelAccountId,
    channelOrderId: order.channelOrderId,
    snapshot: asJson(order),
    snapshotOccurredAt: BigInt(order.occurredAt),
    stateChangedAt: new Date(),
  };
  const outcomeSequence = (existing?.outcomeSequence ?? 0) + 1;
  if (evaluation.disposition === 'ACCEPTED') {
    const erpSequence = (existing?.erpSequence ?? 0) + 1;
    return {
      record: { ...base, state: 'SUBMISSION_PENDING', draft: asJson(evaluation.draft), issues: [], reasonCodes: [], erpSequence },
      erpCall: {
        orderId: order.orderId,
        sequence: erpSequence,
        kind: 'SUBMIT',
        payload: asJson(buildErpOrderPayload(evaluation.draft)),
        traceparent: currentTraceparent(),
        correlationId: order.orderId,
      },
      outcome: null,
      applied: { state: 'SUBMISSION_PENDING', reasonCodes: [] },
      issues: evaluation.issues,
    };
  }
  const reasonCodes = evaluation.issues.map((i) => i.reasonCode);
  return {
    record: { ...base, state: evaluation.disposition, issues: asJson(evaluation.issues), reasonCodes, outcomeSequence },
    erpCall: null,
    outcome: outcomeRow({
      topic: 'ordersRejected',
      value: toOrderRejected(order, evaluation.disposition, evaluation.issues, { eventId: randomUUID(), outcomeSequence, occurredAt: Date.now() }),
    }),
    applied: { state: evaluation.disposition, reasonCodes },
    issues: evaluation.issues,
  };
}

export function countExceptions(issues: readonly RuleIssue[]): void {
  for (const issue of issues) orderIngestMetrics.exceptions.inc({ reason: issue.reasonCode, disposition: issue.disposition });
}

type RecordData = Omit<Prisma.ChannelOrderRecordUncheckedCreateInput, 'orderId'>;
