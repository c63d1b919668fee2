import { randomUUID } from 'node:crypto';
import type { ChannelOrder } from '@crossdock/contracts';
import { buildErpOrderPayload, type OrderEvaluation, type RuleIssue, toOrderRejected } from '@crossdock/order-ingest/domain';
import type { ChannelOrderRecord, Prisma } from '../generated/prisma/client';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { currentTraceparent, enqueueOutcomeEvent } from '../outbox/event-outbox.writer';
import { asJson } from './order-record.repository';

export interface EvaluationApplied {
  readonly state: 'SUBMISSION_PENDING' | 'HELD' | 'REJECTED';
  readonly reasonCodes: readonly string[];
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
    const data = { ...base, state: 'SUBMISSION_PENDING', draft: asJson(evaluation.draft), issues: [], reasonCodes: [], erpSequence };
    await upsertRecord(tx, order.orderId, existing, data);
    await tx.erpQueueEntry.create({
      data: {
        orderId: order.orderId,
        sequence: erpSequence,
        kind: 'SUBMIT',
        payload: asJson(buildErpOrderPayload(evaluation.draft)),
        traceparent: currentTraceparent(),
        correlationId: order.orderId,
      },
    });
    return { state: 'SUBMISSION_PENDING', reasonCodes: [] };
  }
  const reasonCodes = evaluation.issues.map((i) => i.reasonCode);
  await upsertRecord(tx, order.orderId, existing, {
    ...base,
    state: evaluation.disposition,
    issues: asJson(evaluation.issues),
    reasonCodes,
    outcomeSequence,
  });
  await enqueueOutcomeEvent(tx, {
    topic: 'ordersRejected',
    value: toOrderRejected(order, evaluation.disposition, evaluation.issues, {
      eventId: randomUUID(),
      outcomeSequence,
      occurredAt: Date.now(),
    }),
  });
  countExceptions(evaluation.issues);
  return { state: evaluation.disposition, reasonCodes };
}

export function countExceptions(issues: readonly RuleIssue[]): void {
  for (const issue of issues) orderIngestMetrics.exceptions.inc({ reason: issue.reasonCode, disposition: issue.disposition });
}

type RecordData = Omit<Prisma.ChannelOrderRecordUncheckedCreateInput, 'orderId'>;

async function upsertRecord(
  tx: Prisma.TransactionClient,
  orderId: string,
  existing: ChannelOrderRecord | null,
  data: RecordData,
): Promise<void> {
  if (existing) await tx.channelOrderRecord.update({ where: { orderId }, data });
  else await tx.channelOrderRecord.create({ data: { orderId, ...data } });
}
