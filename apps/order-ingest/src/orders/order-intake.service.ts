import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { ChannelOrder } from '@crossdock/contracts';
import { type InboundBatchItem, PoisonMessageError } from '@crossdock/messaging';
import {
  type ArrivalAction,
  type ArrivalDecision,
  cancellationRefusalMessage,
  decideOnArrival,
  type OrderAcceptedDraft,
  orderDedupKey,
} from '@crossdock/order-ingest/domain';
import { currentTraceparent, receivedMessageIds, recordReceipts } from '@crossdock/outbox';
import type { ChannelOrderRecord, Prisma } from '../generated/prisma/client';
import { orderIngestMetrics } from '../metrics/order-ingest.metrics';
import { PrismaService } from '../prisma/prisma.service';
import { enqueueOutcomeEvent } from '../outbox/outcome-events';
import { ReferenceTablesService } from '../tables/reference-tables.service';
import { type EvaluationRows, evaluationRows, writeEvaluation } from './evaluation.writer';
import { NewOrdersBatch } from './new-orders.batch';
import { fulfilmentProgressOf } from '../fulfilment/fulfilment-progress.repository';
import { toOrderCancelled } from './order-cancelled.mapper';
import { OrderEvaluatorService } from './order-evaluator.service';
import { asJson, lockOrder, lockOrders, snapshotOf, toKnownOrder } from './order-record.repository';

export interface IntakeResult {
  readonly action: ArrivalAction['kind'];
  readonly duplicate: boolean;
  /** True when the ERP queue or the event outbox got a row, so their loops should run now. */
  readonly queuedErpCall: boolean;
  readonly queuedEvent: boolean;
}

type Items = ReadonlyArray<Pick<InboundBatchItem<ChannelOrder>, 'value' | 'run'>>;

/**
 * One channel-order event, decided and recorded in ONE transaction: the idempotency check, the
 * order's new state, the ERP queue entry or outcome event. Kafka's offset is committed only after
 * this returns, so a crash replays the event and the receipt row turns the replay into a counted
 * duplicate instead of a second effect.
 */
@Injectable()
export class OrderIntakeService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly tables: ReferenceTablesService,
    private readonly evaluator: OrderEvaluatorService,
  ) {}

  /**
   * Consecutive events of one partition in ONE transaction (all or nothing: the transport replays
   * a failed batch in halves). Orders seen for the first time, once in the batch, take the bulk
   * path; everything else (updates, cancels, duplicates, repeats within the batch) goes through
   * `decide` one by one, in offset order, exactly as a single event would.
   */
  async receiveBatch(items: Items): Promise<IntakeResult[]> {
    await this.tables.whenRebuilt();
    const started = performance.now();
    // A database outage thrown here waits with its partition: the service kit's classifier reads it.
    const results = (await this.captureNewOrders(items)) ?? (await this.prisma.$transaction((tx) => this.decideBatch(tx, items), { timeout: 30_000 }));
    const seconds = (performance.now() - started) / 1000;
    for (const result of results) {
      orderIngestMetrics.processingLatency.observe({ action: result.action }, seconds);
      orderIngestMetrics.decisions.inc({ action: result.action });
      if (result.duplicate) orderIngestMetrics.duplicatesSuppressed.inc();
    }
    return results;
  }

  /**
   * The common case, a batch of orders none of which was seen before, as ONE statement and no
   * transaction around it: evaluating a new order needs nothing from the database, and the primary
   * keys of the order record and of the event receipt refuse whatever was seen before, which makes
   * the statement write nothing. Then, and for any batch with updates, cancels or repeats, this
   * returns null and the batch takes `decideBatch`, which locks, looks and decides order by order.
   */
  private async captureNewOrders(items: Items): Promise<IntakeResult[] | null> {
    const orderIds = new Set<string>();
    for (const { value } of items) {
      if (orderIds.has(value.orderId) || decideOnArrival(value, null).action.kind !== 'EVALUATE') return null;
      orderIds.add(value.orderId);
    }
    const newOrders = new NewOrdersBatch();
    const evaluations: EvaluationRows[] = [];
    for (const item of items) {
      // Inside the message's context: the rows carry its trace on to the ERP call and the outcome event.
      const rows = await item.run(async () => evaluationRows(null, item.value, await this.evaluator.evaluate(item.value)));
      newOrders.add(item.value, rows);
      evaluations.push(rows);
    }
    try {
      await newOrders.write(this.prisma.sql);
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
    return evaluations.map((rows): IntakeResult => ({
      action: 'EVALUATE',
      duplicate: false,
      queuedErpCall: rows.erpCall !== null,
      queuedEvent: rows.outcome !== null,
    }));
  }

  private async decideBatch(tx: Prisma.TransactionClient, items: Items): Promise<IntakeResult[]> {
    const orderIds = [...new Set(items.map((i) => i.value.orderId))].sort();
    const records = await lockOrders(tx, orderIds);
    const seen = await receivedMessageIds(
      tx,
      items.map((i) => i.value.eventId),
    );
    const occurrences = new Map<string, number>();
    for (const { value } of items) occurrences.set(value.orderId, (occurrences.get(value.orderId) ?? 0) + 1);

    const newOrders = new NewOrdersBatch();
    const results: IntakeResult[] = [];
    for (const item of items) {
      const order = item.value;
      const firstSeen = !records.has(order.orderId) && occurrences.get(order.orderId) === 1 && !seen.has(order.eventId);
      results.push(
        await item.run(async () => {
          if (firstSeen && decideOnArrival(order, null).action.kind === 'EVALUATE') {
            const rows = evaluationRows(null, order, await this.evaluator.evaluate(order));
            newOrders.add(order, rows);
            return { action: 'EVALUATE', duplicate: false, queuedErpCall: rows.erpCall !== null, queuedEvent: rows.outcome !== null };
          }
          return this.decide(tx, order);
        }),
      );
    }
    await newOrders.write(tx);
    return results;
  }

  private async decide(tx: Prisma.TransactionClient, order: ChannelOrder): Promise<IntakeResult> {
    const record = await lockOrder(tx, order.orderId);
    const seen = record ? (await receivedMessageIds(tx, [order.eventId])).has(order.eventId) : false;
    // Only a cancellation of a booked order asks how far the warehouse got: nothing else depends on it.
    const fulfilment = record?.state === 'ACCEPTED' && order.eventType === 'CANCELLED' ? await fulfilmentProgressOf(tx, order.orderId) : 'NOT_STARTED';
    let decision: ArrivalDecision = decideOnArrival(order, record ? toKnownOrder(record, seen ? [order.eventId] : [], fulfilment) : null);
    const { action } = decision;
    if (action.kind === 'DEAD_LETTER') throw new PoisonMessageError(action.code ?? 'ORDER_EVENT_NOT_ACTIONABLE', `${order.orderId}: ${action.reason}`);
    // A second cancel request (fresh eventId, same business event) while one is queued changes nothing.
    if ((action.kind === 'CANCEL_IN_ERP' || action.kind === 'QUEUE_CANCEL_AFTER_SUBMIT') && record?.cancelRequested) {
      decision = { action: { kind: 'SUPPRESS', reason: 'a cancellation of this order is already queued' }, duplicate: true };
    }

    const effect = await this.apply(tx, decision.action, record, order);
    if (!seen) {
      await recordReceipts(tx, [
        { messageId: order.eventId, subject: order.orderId, dedupKey: orderDedupKey(order), outcome: decision.action.kind, duplicate: decision.duplicate },
      ]);
    }
    if (decision.duplicate && record) {
      await tx.channelOrderRecord.update({ where: { orderId: order.orderId }, data: { duplicateCount: { increment: 1 } } });
    }
    return { action: decision.action.kind, duplicate: decision.duplicate, ...effect };
  }

  private async apply(
    tx: Prisma.TransactionClient,
    action: ArrivalAction,
    record: ChannelOrderRecord | null,
    order: ChannelOrder,
  ): Promise<{ queuedErpCall: boolean; queuedEvent: boolean }> {
    switch (action.kind) {
      case 'EVALUATE':
      case 'REEVALUATE': {
        const applied = await writeEvaluation(tx, record, order, await this.evaluator.evaluate(order));
        return { queuedErpCall: applied.state === 'SUBMISSION_PENDING', queuedEvent: applied.state !== 'SUBMISSION_PENDING' };
      }
      case 'SUPPRESS':
      case 'DEAD_LETTER':
        return { queuedErpCall: false, queuedEvent: false };
      case 'CANCEL_IN_ERP':
      case 'QUEUE_CANCEL_AFTER_SUBMIT': {
        // Behind the create in the per-order sequence: the drainer never lets it overtake.
        const current = record as ChannelOrderRecord;
        const sequence = current.erpSequence + 1;
        await tx.erpQueueEntry.create({
          data: {
            orderId: order.orderId,
            sequence,
            kind: 'CANCEL',
            payload: asJson({ reasonCode: cancelReason(order), causationId: order.eventId, requestedAt: order.occurredAt }),
            traceparent: currentTraceparent(),
            correlationId: order.orderId,
          },
        });
        await tx.channelOrderRecord.update({ where: { orderId: order.orderId }, data: { erpSequence: sequence, cancelRequested: true } });
        return { queuedErpCall: true, queuedEvent: false };
      }
      case 'CANCEL_LOCALLY':
      case 'REMEMBER_EARLY_CANCEL':
      case 'NOT_CANCELLABLE':
        await this.cancelWithoutErp(tx, action, record, order);
        return { queuedErpCall: false, queuedEvent: true };
    }
  }

  /** Cancellations the ERP never needs to hear about: nothing was (or can still be) booked there. */
  private async cancelWithoutErp(
    tx: Prisma.TransactionClient,
    action: Extract<ArrivalAction, { kind: 'CANCEL_LOCALLY' | 'REMEMBER_EARLY_CANCEL' | 'NOT_CANCELLABLE' }>,
    record: ChannelOrderRecord | null,
    order: ChannelOrder,
  ): Promise<void> {
    const outcomeSequence = (record?.outcomeSequence ?? 0) + 1;
    const notCancellable = action.kind === 'NOT_CANCELLABLE';
    if (action.kind === 'CANCEL_LOCALLY') {
      // Only a submission no ERP call has touched is withdrawn (the decision table guarantees it).
      await tx.erpQueueEntry.deleteMany({ where: { orderId: order.orderId, status: 'PENDING', kind: 'SUBMIT' } });
    }
    const state = notCancellable ? (record?.state ?? 'ACCEPTED') : action.kind === 'REMEMBER_EARLY_CANCEL' ? 'CANCELLED_BEFORE_CREATE' : 'CANCELLED';
    const data = {
      channel: order.channel,
      channelAccountId: order.channelAccountId,
      channelOrderId: order.channelOrderId,
      state,
      outcomeSequence,
      stateChangedAt: new Date(),
    };
    if (record) await tx.channelOrderRecord.update({ where: { orderId: order.orderId }, data });
    else await tx.channelOrderRecord.create({ data: { orderId: order.orderId, snapshotOccurredAt: BigInt(order.occurredAt), ...data } });
    await enqueueOutcomeEvent(tx, {
      topic: 'orderCancellations',
      value: toOrderCancelled(
        order,
        { draft: (record?.draft as unknown as OrderAcceptedDraft | null) ?? null, snapshot: record ? snapshotOf(record) : null },
        {
          eventId: randomUUID(),
          causationId: order.eventId,
          outcomeSequence,
          status: notCancellable ? 'NOT_CANCELLABLE' : 'CANCELLED',
          erpOrderNumber: record?.erpOrderNumber ?? null,
          reasonCode: notCancellable ? action.reasonCode : cancelReason(order),
          message: notCancellable ? cancellationRefusalMessage(action.reasonCode) : null,
          requestedAt: order.occurredAt,
          occurredAt: Date.now(),
        },
      ),
    });
  }
}

/** PostgreSQL's unique_violation, as node-postgres reports it. */
function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';
}

function cancelReason(order: ChannelOrder): string {
  return order.cancellation?.reasonCode ?? 'CHANNEL_CANCELLED';
}
