import { randomUUID } from 'node:crypto';
import { Topics, type ReleaseAction, type WarehouseReleaseOutcome } from '@crossdock/contracts';
import type { WarehouseAnswer } from '@crossdock/connectors/domain';
import { outboxRow, type OutboxRow } from '@crossdock/outbox';

/** The topics wms-connector writes through its outbox, by catalog key: the relay's catalog. */
export const RELEASE_OUTCOME_TOPICS = { warehouseReleaseOutcomes: Topics.warehouseReleaseOutcomes } as const;

/** The release a decided outcome is about, as stored. */
export interface OutcomeSubject {
  readonly releaseId: string;
  readonly action: string;
  readonly orderId: string;
  readonly locationId: string;
  readonly eventId: string;
  readonly traceparent: string | null;
}

/**
 * The outbox row of a release's outcome, published in the trace of the release it answers and
 * caused by it; the Kafka key is the order id (the contract's key).
 */
export function releaseOutcomeRow(subject: OutcomeSubject, answer: Extract<WarehouseAnswer, { kind: 'OUTCOME' }>, now = Date.now()): OutboxRow {
  const outcome: WarehouseReleaseOutcome = {
    eventId: randomUUID(),
    causationId: subject.eventId,
    releaseId: subject.releaseId,
    orderId: subject.orderId,
    locationId: subject.locationId,
    action: subject.action as ReleaseAction,
    status: answer.status,
    warehouseReference: answer.warehouseReference,
    reason: answer.reason,
    detail: answer.detail,
    occurredAt: now,
  };
  return outboxRow(Topics.warehouseReleaseOutcomes, outcome, {
    eventId: outcome.eventId,
    causationId: subject.eventId,
    stamp: { traceparent: subject.traceparent, correlationId: subject.orderId },
  });
}
