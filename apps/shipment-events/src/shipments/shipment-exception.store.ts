import type { OrderState, ShipmentExceptionReason } from '@crossdock/shipment-events/domain';
import { shipmentEventsMetrics } from '../metrics/shipment-events.metrics';
import type { AfterCommit } from './shipment-output.writer';
import type { Tx } from './shipment-book.store';

export interface ExceptionToRaise {
  readonly reason: ShipmentExceptionReason;
  readonly detail: string;
  /** What it is about: the fact id, the shipment id, the order id. */
  readonly subject: string;
  readonly orderId: string | null;
  readonly order?: Pick<OrderState, 'channel' | 'channelAccountId'> | null;
  /** The parked fact: one exception per fact, reopened with the new reason when a replay fails again. */
  readonly factId?: string;
}

/** Records an exception for operations (GET /exceptions) in the caller's transaction. */
export async function raiseException(tx: Tx, exception: ExceptionToRaise): Promise<AfterCommit> {
  const data = {
    reason: exception.reason,
    status: 'OPEN',
    subject: exception.subject,
    orderId: exception.orderId,
    channel: exception.order?.channel ?? null,
    channelAccountId: exception.order?.channelAccountId ?? null,
    detail: exception.detail,
    resolvedAt: null,
    resolution: null,
  };
  if (exception.factId) {
    await tx.shipmentException.upsert({ where: { factId: exception.factId }, create: { ...data, factId: exception.factId }, update: data });
  } else {
    await tx.shipmentException.create({ data });
  }
  return () => shipmentEventsMetrics.exceptions.inc({ reason: exception.reason });
}
