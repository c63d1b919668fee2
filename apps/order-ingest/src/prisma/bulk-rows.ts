import { bulkInsert } from '@crossdock/persistence';
import type { Prisma } from '../generated/prisma/client';

// Bulk inserts of the tables a burst of orders writes, with the defaults Prisma would have filled
// in spelled out (a raw insert bypasses them). Column lists mirror prisma/schema.prisma.

export async function insertOrderRecords(tx: Prisma.TransactionClient, rows: readonly Prisma.ChannelOrderRecordCreateManyInput[], now: Date): Promise<void> {
  await bulkInsert(
    tx,
    'ChannelOrderRecord',
    {
      orderId: 'text', channel: 'text', channelAccountId: 'text', channelOrderId: 'text', state: 'text',
      snapshot: 'jsonb', snapshotOccurredAt: 'bigint', draft: 'jsonb', issues: 'jsonb', reasonCodes: 'text[]',
      outcomeSequence: 'int', erpSequence: 'int', firstSeenAt: 'timestamp', stateChangedAt: 'timestamp', updatedAt: 'timestamp',
    },
    rows.map((r) => ({ ...r, issues: r.issues ?? [], reasonCodes: r.reasonCodes ?? [], outcomeSequence: r.outcomeSequence ?? 0, erpSequence: r.erpSequence ?? 0, firstSeenAt: now, stateChangedAt: r.stateChangedAt ?? now, updatedAt: now })),
  );
}

export async function insertErpCalls(tx: Prisma.TransactionClient, rows: readonly Prisma.ErpQueueEntryCreateManyInput[], now: Date): Promise<void> {
  await bulkInsert(
    tx,
    'ErpQueueEntry',
    { orderId: 'text', sequence: 'int', kind: 'text', payload: 'jsonb', status: 'text', attempts: 'int', traceparent: 'text', correlationId: 'text', enqueuedAt: 'timestamp' },
    rows.map((r) => ({ ...r, status: r.status ?? 'PENDING', attempts: r.attempts ?? 0, enqueuedAt: now })),
  );
}

export async function insertOutboxEvents(tx: Prisma.TransactionClient, rows: readonly Prisma.EventOutboxCreateManyInput[], now: Date): Promise<void> {
  await bulkInsert(
    tx,
    'EventOutbox',
    { topic: 'text', messageKey: 'text', eventId: 'text', payload: 'jsonb', traceparent: 'text', correlationId: 'text', causationId: 'text', createdAt: 'timestamp' },
    rows.map((r) => ({ ...r, createdAt: now })),
  );
}

export async function insertReceipts(tx: Prisma.TransactionClient, rows: readonly Prisma.InboundOrderEventCreateManyInput[], now: Date): Promise<void> {
  await bulkInsert(
    tx,
    'InboundOrderEvent',
    { eventId: 'text', orderId: 'text', dedupKey: 'text', action: 'text', duplicate: 'boolean', receivedAt: 'timestamp' },
    rows.map((r) => ({ ...r, receivedAt: now })),
  );
}
