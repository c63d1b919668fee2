import { publishedOutboxEventsRule } from '@crossdock/outbox';
import type { RetentionRule } from '@crossdock/persistence';
import type { OrderIngestConfig } from '../config/order-ingest-config.schema';

const DAY_MS = 86_400_000;

/**
 * The rows of order-ingest whose work is finished. Nothing reads a published outbox row (the relay
 * reads `publishedAt IS NULL` only) or a DONE/PARKED queue entry (the drainer, stats and the
 * exception API read PENDING only; an order's next ERP call takes its sequence from the order row).
 *
 * Deliberately never deleted: InboxReceipt (the receipt by eventId that turns a redelivery into
 * a counted duplicate), ChannelOrderRecord (every order's state, the dedup and cancellation anchor),
 * ReplayAudit (who replayed what, an audit) and ReferenceDataRevision (which rules released an order).
 */
export function orderIngestRetentionRules(config: Pick<OrderIngestConfig, 'RETENTION_OUTBOX_DAYS' | 'RETENTION_ERP_QUEUE_DAYS'>): RetentionRule[] {
  return [
    publishedOutboxEventsRule('published outcome events', config.RETENTION_OUTBOX_DAYS),
    {
      name: 'finished ERP calls',
      table: 'ErpQueueEntry',
      where: `"status" IN ('DONE', 'PARKED') AND "completedAt" IS NOT NULL`,
      timestampColumn: 'completedAt',
      keepFor: config.RETENTION_ERP_QUEUE_DAYS * DAY_MS,
    },
  ];
}
