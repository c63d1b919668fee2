import type { BulkRows } from '@crossdock/persistence';
import type { Prisma } from '../generated/prisma/client';

// Bulk rows of order-ingest's own tables a burst of orders writes (the outbox's and the inbox's
// come from @crossdock/outbox), with the defaults Prisma would have filled in
// spelled out (a raw insert bypasses them). Column lists mirror prisma/schema.prisma.

export function orderRecordRows(rows: readonly Prisma.ChannelOrderRecordCreateManyInput[], now: Date): BulkRows {
  return {
    table: 'ChannelOrderRecord',
    columns: {
      orderId: 'text',
      channel: 'text',
      channelAccountId: 'text',
      channelOrderId: 'text',
      state: 'text',
      snapshot: 'jsonb',
      snapshotOccurredAt: 'bigint',
      draft: 'jsonb',
      issues: 'jsonb',
      reasonCodes: 'text[]',
      outcomeSequence: 'int',
      erpSequence: 'int',
      firstSeenAt: 'timestamp',
      stateChangedAt: 'timestamp',
      updatedAt: 'timestamp',
    },
    rows: rows.map((r) => ({
      ...r,
      issues: r.issues ?? [],
      reasonCodes: r.reasonCodes ?? [],
      outcomeSequence: r.outcomeSequence ?? 0,
      erpSequence: r.erpSequence ?? 0,
      firstSeenAt: now,
      stateChangedAt: r.stateChangedAt ?? now,
      updatedAt: now,
    })),
  };
}

export function erpCallRows(rows: readonly Prisma.ErpQueueEntryCreateManyInput[], now: Date): BulkRows {
  return {
    table: 'ErpQueueEntry',
    columns: {
      orderId: 'text',
      sequence: 'int',
      kind: 'text',
      payload: 'jsonb',
      status: 'text',
      attempts: 'int',
      traceparent: 'text',
      correlationId: 'text',
      enqueuedAt: 'timestamp',
    },
    rows: rows.map((r) => ({ ...r, status: r.status ?? 'PENDING', attempts: r.attempts ?? 0, enqueuedAt: now })),
  };
}
