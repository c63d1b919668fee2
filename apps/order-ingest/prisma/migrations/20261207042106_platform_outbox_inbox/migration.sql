-- The receipts of handled channel-order events become @crossdock/outbox's InboxReceipt, kept row for
-- row (renamed, not copied: every receipt still turns a redelivery into a duplicate).
ALTER TABLE "InboundOrderEvent" RENAME TO "InboxReceipt";
ALTER TABLE "InboxReceipt" RENAME COLUMN "eventId" TO "messageId";
ALTER TABLE "InboxReceipt" RENAME COLUMN "orderId" TO "subject";
ALTER TABLE "InboxReceipt" RENAME COLUMN "action" TO "outcome";
ALTER TABLE "InboxReceipt" RENAME CONSTRAINT "InboundOrderEvent_pkey" TO "InboxReceipt_pkey";
ALTER INDEX "InboundOrderEvent_orderId_idx" RENAME TO "InboxReceipt_subject_idx";
ALTER INDEX "InboundOrderEvent_dedupKey_idx" RENAME TO "InboxReceipt_dedupKey_idx";

-- The ERP drainer leads through a session advisory lock like the outbox relay: the lease row is gone.
DROP TABLE "DrainerLease";
