import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import { type ErpCancellation, erpFailureIssue, type ErpSubmission, type OrderAcceptedDraft, toOrderRejected } from '@crossdock/order-ingest/domain';
import type { ChannelOrder } from '@crossdock/contracts';
import type { ChannelOrderRecord, ErpQueueEntry, Prisma } from '../generated/prisma/client';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { enqueueOutcomeEvent } from '../outbox/outcome-events';
import { countExceptions } from '../orders/evaluation.writer';
import { toOrderCancelled } from '../orders/order-cancelled.mapper';
import { asJson, lockOrder, snapshotOf } from '../orders/order-record.repository';
import { currentStamp, OutboxRelay } from '@crossdock/outbox';
import { GroupCommit, MicroBatcher } from '@crossdock/persistence';
import { type ErpAcceptance, recordAcceptances } from './erp-acceptances.writer';
import { PrismaService } from '../prisma/prisma.service';

interface CancelPayload {
  readonly reasonCode: string;
  readonly causationId: string;
  readonly requestedAt: number;
}

/**
 * Commits what the ERP answered, in one transaction with the event that announces it. If the
 * process dies before this commits, the entry is still PENDING and is sent again; the ERP finds its
 * order by external id (created: false) and this runs then, so the ERP still holds exactly one order.
 */
@Injectable()
export class ErpCompletionService {
  /**
   * Up to ERP_MAX_IN_FLIGHT answers arrive at once; committing them together saves a transaction
   * per answer. Each answer still commits or fails on its own (GroupCommit retries alone on failure).
   */
  private readonly commits: GroupCommit<Prisma.TransactionClient>;

  /** Accepted submissions, the bulk of all answers: a fixed number of statements per flush. */
  private readonly acceptances: MicroBatcher<ErpAcceptance, Date | null>;

  constructor(prisma: PrismaService, relay: OutboxRelay) {
    this.commits = new GroupCommit((fn) => prisma.$transaction(fn, { timeout: 30_000 }));
    this.acceptances = new MicroBatcher((items) => recordAnswers(prisma, relay, items));
  }

  /** The ERP booked the order: recorded together with other answers arriving at the same time. */
  async submitted(row: ErpQueueEntry, erpSystem: string, submission: ErpSubmission): Promise<void> {
    const firstSeenAt = await this.acceptances.submit({ row, erpSystem, submission, stamp: currentStamp() });
    if (firstSeenAt) orderIngestMetrics.captureLatency.observe((Date.now() - firstSeenAt.getTime()) / 1000);
  }

  async cancelled(row: ErpQueueEntry, cancellation: ErpCancellation): Promise<void> {
    await this.commits.run(async (tx) => {
      const record = await this.claimDone(tx, row);
      if (!record) return;
      const done = cancellation.outcome !== 'NOT_CANCELLABLE';
      await this.announceCancellation(tx, record, row, {
        status: done ? 'CANCELLED' : 'NOT_CANCELLABLE',
        erpOrderNumber: cancellation.erpOrderNumber,
        message: cancellation.reason,
      });
    });
  }

  /** The ERP refused the call for good: a submission is HELD (ERP_REJECTED) for an operator; a cancel is reported NOT_CANCELLABLE. */
  async parked(row: ErpQueueEntry, error: ErpPermanentError): Promise<void> {
    await this.commits.run(async (tx) => {
      const record = await lockOrder(tx, row.orderId);
      await tx.erpQueueEntry.updateMany({
        where: { id: row.id, status: 'PENDING' },
        data: { status: 'PARKED', completedAt: new Date(), lastError: error.message.slice(0, 2_000) },
      });
      if (!record) return;
      if (row.kind === 'CANCEL') {
        await this.announceCancellation(tx, record, row, { status: 'NOT_CANCELLABLE', erpOrderNumber: record.erpOrderNumber, message: error.message });
        return;
      }
      const snapshot = snapshotOf(record);
      const issue = erpFailureIssue(error);
      const outcomeSequence = record.outcomeSequence + 1;
      await tx.channelOrderRecord.update({
        where: { orderId: row.orderId },
        data: { state: 'HELD', issues: asJson([issue]), reasonCodes: [issue.reasonCode], outcomeSequence, stateChangedAt: new Date() },
      });
      if (snapshot) {
        await enqueueOutcomeEvent(tx, {
          topic: 'ordersRejected',
          value: toOrderRejected(snapshot, 'HELD', [issue], { eventId: randomUUID(), outcomeSequence, occurredAt: Date.now() }),
        });
      }
      countExceptions([issue]);
    });
  }

  /**
   * The order has waited for the ERP longer than the notice period: tell the channel once (HELD,
   * ERP_UNAVAILABLE, retryable) while it stays queued; the later OrderAccepted has a higher outcomeSequence.
   */
  async delayed(row: Pick<ErpQueueEntry, 'id' | 'orderId'>, error: ErpTransientError): Promise<void> {
    await this.commits.run(async (tx) => {
      const record = await lockOrder(tx, row.orderId);
      const noted = await tx.erpQueueEntry.updateMany({
        where: { id: row.id, status: 'PENDING', delayNotifiedAt: null },
        data: { delayNotifiedAt: new Date() },
      });
      const snapshot = record ? snapshotOf(record) : null;
      if (noted.count === 0 || !record || record.state !== 'SUBMISSION_PENDING' || !snapshot) return;
      const issue = erpFailureIssue(error);
      const outcomeSequence = record.outcomeSequence + 1;
      await tx.channelOrderRecord.update({
        where: { orderId: row.orderId },
        data: { issues: asJson([issue]), reasonCodes: [issue.reasonCode], outcomeSequence },
      });
      await enqueueOutcomeEvent(tx, {
        topic: 'ordersRejected',
        value: toOrderRejected(snapshot, 'HELD', [issue], { eventId: randomUUID(), outcomeSequence, occurredAt: Date.now() }),
      });
      countExceptions([issue]);
    });
  }

  private async claimDone(tx: Prisma.TransactionClient, row: ErpQueueEntry): Promise<ChannelOrderRecord | null> {
    const record = await lockOrder(tx, row.orderId);
    const done = await tx.erpQueueEntry.updateMany({ where: { id: row.id, status: 'PENDING' }, data: { status: 'DONE', completedAt: new Date() } });
    return done.count === 0 ? null : record;
  }

  private async announceCancellation(
    tx: Prisma.TransactionClient,
    record: ChannelOrderRecord,
    row: ErpQueueEntry,
    result: { status: 'CANCELLED' | 'NOT_CANCELLABLE'; erpOrderNumber: string | null; message: string | null },
  ): Promise<void> {
    const payload = row.payload as unknown as CancelPayload;
    const outcomeSequence = record.outcomeSequence + 1;
    await tx.channelOrderRecord.update({
      where: { orderId: row.orderId },
      data: {
        ...(result.status === 'CANCELLED' ? { state: 'CANCELLED', stateChangedAt: new Date() } : {}),
        cancelRequested: false,
        outcomeSequence,
      },
    });
    const snapshot: ChannelOrder | null = snapshotOf(record);
    await enqueueOutcomeEvent(tx, {
      topic: 'orderCancellations',
      value: toOrderCancelled(
        {
          orderId: record.orderId,
          channel: record.channel as ChannelOrder['channel'],
          channelAccountId: record.channelAccountId,
          channelOrderId: record.channelOrderId,
        },
        { draft: (record.draft as unknown as OrderAcceptedDraft | null) ?? null, snapshot },
        {
          eventId: randomUUID(),
          causationId: payload.causationId,
          outcomeSequence,
          status: result.status,
          erpOrderNumber: result.erpOrderNumber,
          reasonCode: result.status === 'CANCELLED' ? payload.reasonCode : 'ERP_NOT_CANCELLABLE',
          message: result.message,
          requestedAt: payload.requestedAt,
          occurredAt: Date.now(),
        },
      ),
    });
  }
}

/**
 * One flush of answers: one transaction that locks their orders, reads them and records every
 * acceptance, then a relay scan for the OrderAccepted events. Run again after a failure
 * (MicroBatcher retries alone), an answer already recorded finds its entry no longer PENDING and
 * changes nothing.
 */
async function recordAnswers(prisma: PrismaService, relay: OutboxRelay, items: readonly ErpAcceptance[]): Promise<Array<Date | null>> {
  const seenAt = await prisma.sql.transaction((tx) => recordAcceptances(tx, items));
  relay.wake();
  return seenAt;
}
