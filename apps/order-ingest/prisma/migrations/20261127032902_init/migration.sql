-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ReferenceDataRevision" (
    "kind" TEXT NOT NULL,
    "revision" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "sourceFile" TEXT NOT NULL,
    "loadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferenceDataRevision_pkey" PRIMARY KEY ("kind","revision")
);

-- CreateTable
CREATE TABLE "ChannelOrderRecord" (
    "orderId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "channelOrderId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "snapshot" JSONB,
    "snapshotOccurredAt" BIGINT NOT NULL,
    "draft" JSONB,
    "issues" JSONB NOT NULL DEFAULT '[]',
    "reasonCodes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "erpAttempted" BOOLEAN NOT NULL DEFAULT false,
    "erpOrderNumber" TEXT,
    "cancelRequested" BOOLEAN NOT NULL DEFAULT false,
    "outcomeSequence" INTEGER NOT NULL DEFAULT 0,
    "erpSequence" INTEGER NOT NULL DEFAULT 0,
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,
    "firstSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChannelOrderRecord_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "InboundOrderEvent" (
    "eventId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "duplicate" BOOLEAN NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundOrderEvent_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "ErpQueueEntry" (
    "id" BIGSERIAL NOT NULL,
    "orderId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "notBefore" TIMESTAMP(3),
    "lastError" TEXT,
    "traceparent" TEXT,
    "correlationId" TEXT,
    "enqueuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAttemptAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "delayNotifiedAt" TIMESTAMP(3),

    CONSTRAINT "ErpQueueEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EventOutbox" (
    "id" BIGSERIAL NOT NULL,
    "topic" TEXT NOT NULL,
    "messageKey" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "traceparent" TEXT,
    "correlationId" TEXT,
    "causationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "EventOutbox_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReplayAudit" (
    "id" BIGSERIAL NOT NULL,
    "orderId" TEXT NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "reason" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stateBefore" TEXT NOT NULL,
    "stateAfter" TEXT NOT NULL,
    "reasonCodesBefore" TEXT[],
    "reasonCodesAfter" TEXT[],
    "referenceRevisions" JSONB NOT NULL,
    "result" TEXT NOT NULL,

    CONSTRAINT "ReplayAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DrainerLease" (
    "name" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DrainerLease_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE INDEX "ReferenceDataRevision_kind_activatedAt_idx" ON "ReferenceDataRevision"("kind", "activatedAt");

-- CreateIndex
CREATE INDEX "ChannelOrderRecord_state_stateChangedAt_idx" ON "ChannelOrderRecord"("state", "stateChangedAt");

-- CreateIndex
CREATE INDEX "ChannelOrderRecord_channelAccountId_state_idx" ON "ChannelOrderRecord"("channelAccountId", "state");

-- CreateIndex
CREATE INDEX "InboundOrderEvent_orderId_idx" ON "InboundOrderEvent"("orderId");

-- CreateIndex
CREATE INDEX "InboundOrderEvent_dedupKey_idx" ON "InboundOrderEvent"("dedupKey");

-- CreateIndex
CREATE INDEX "ErpQueueEntry_status_enqueuedAt_idx" ON "ErpQueueEntry"("status", "enqueuedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ErpQueueEntry_orderId_sequence_key" ON "ErpQueueEntry"("orderId", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "EventOutbox_eventId_key" ON "EventOutbox"("eventId");

-- CreateIndex
CREATE INDEX "EventOutbox_publishedAt_id_idx" ON "EventOutbox"("publishedAt", "id");

-- CreateIndex
CREATE INDEX "ReplayAudit_orderId_idx" ON "ReplayAudit"("orderId");
