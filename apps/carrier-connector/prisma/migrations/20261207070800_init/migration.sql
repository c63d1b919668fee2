-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "CarrierWebhookRejection" (
    "id" BIGSERIAL NOT NULL,
    "provider" TEXT NOT NULL,
    "bodySha256" TEXT NOT NULL,
    "sourceEventId" TEXT,
    "code" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "body" BYTEA NOT NULL,
    "deliveries" INTEGER NOT NULL DEFAULT 1,
    "firstAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CarrierWebhookRejection_pkey" PRIMARY KEY ("id")
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
CREATE INDEX "CarrierWebhookRejection_lastAt_idx" ON "CarrierWebhookRejection"("lastAt");

-- CreateIndex
CREATE UNIQUE INDEX "CarrierWebhookRejection_provider_bodySha256_key" ON "CarrierWebhookRejection"("provider", "bodySha256");

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
