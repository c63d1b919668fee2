-- CreateTable
CREATE TABLE "WarehouseReleaseRecord" (
    "id" BIGSERIAL NOT NULL,
    "releaseId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "locationType" TEXT NOT NULL,
    "release" JSONB NOT NULL,
    "eventId" TEXT NOT NULL,
    "causationId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "warehouseReference" TEXT,
    "interchangeControl" TEXT,
    "groupControl" TEXT,
    "reason" TEXT,
    "detail" TEXT,
    "traceparent" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WarehouseReleaseRecord_pkey" PRIMARY KEY ("id")
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
CREATE TABLE "InboxReceipt" (
    "messageId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "duplicate" BOOLEAN NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboxReceipt_pkey" PRIMARY KEY ("messageId")
);

-- CreateIndex
CREATE INDEX "WarehouseReleaseRecord_status_locationId_id_idx" ON "WarehouseReleaseRecord"("status", "locationId", "id");

-- CreateIndex
CREATE INDEX "WarehouseReleaseRecord_locationId_groupControl_idx" ON "WarehouseReleaseRecord"("locationId", "groupControl");

-- CreateIndex
CREATE UNIQUE INDEX "WarehouseReleaseRecord_releaseId_action_key" ON "WarehouseReleaseRecord"("releaseId", "action");

-- CreateIndex
CREATE UNIQUE INDEX "EventOutbox_eventId_key" ON "EventOutbox"("eventId");

-- CreateIndex
CREATE INDEX "EventOutbox_publishedAt_id_idx" ON "EventOutbox"("publishedAt", "id");

-- CreateIndex
CREATE INDEX "EventOutbox_unpublished_idx" ON "EventOutbox"("id") WHERE ("publishedAt" IS NULL);

-- CreateIndex
CREATE INDEX "InboxReceipt_subject_idx" ON "InboxReceipt"("subject");

-- CreateIndex
CREATE INDEX "InboxReceipt_dedupKey_idx" ON "InboxReceipt"("dedupKey");
