-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ShipmentOrder" (
    "orderId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "channelOrderId" TEXT NOT NULL,
    "erpOrderNumber" TEXT NOT NULL,
    "carrierCode" TEXT NOT NULL,
    "serviceCode" TEXT NOT NULL,
    "acceptedEventId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "lines" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShipmentOrder_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "OrderOutcome" (
    "orderId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrderOutcome_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "shipmentId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "locationType" TEXT NOT NULL,
    "releaseStatus" TEXT NOT NULL,
    "warehouseReference" TEXT,
    "cancelLines" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("shipmentId")
);

-- CreateTable
CREATE TABLE "ShipmentPackage" (
    "packageReference" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sourceCarrier" TEXT,
    "carrierCode" TEXT,
    "serviceCode" TEXT,
    "trackingNumber" TEXT,
    "weight" JSONB,
    "lines" JSONB NOT NULL,
    "milestone" TEXT,
    "progressRank" INTEGER NOT NULL,
    "shippedAt" TIMESTAMP(3),
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShipmentPackage_pkey" PRIMARY KEY ("packageReference")
);

-- CreateTable
CREATE TABLE "PackageHistory" (
    "id" BIGSERIAL NOT NULL,
    "packageReference" TEXT NOT NULL,
    "factId" TEXT NOT NULL,
    "milestone" TEXT,
    "outcome" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceStatus" TEXT NOT NULL,
    "sourceStatusDetail" TEXT,
    "sourceOccurredAt" TIMESTAMP(3) NOT NULL,
    "recordedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PackageHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShipmentFact" (
    "factId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "orderId" TEXT,
    "carrierCode" TEXT,
    "trackingNumber" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "detail" TEXT,
    "payload" JSONB NOT NULL,
    "sourceOccurredAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),
    "duplicateCount" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ShipmentFact_pkey" PRIMARY KEY ("factId")
);

-- CreateTable
CREATE TABLE "ShipmentException" (
    "id" BIGSERIAL NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "orderId" TEXT,
    "channel" TEXT,
    "channelAccountId" TEXT,
    "factId" TEXT,
    "detail" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,

    CONSTRAINT "ShipmentException_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExceptionReplay" (
    "id" BIGSERIAL NOT NULL,
    "exceptionId" BIGINT NOT NULL,
    "actor" TEXT NOT NULL,
    "requestedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "reasonBefore" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "reasonAfter" TEXT,
    "detail" TEXT,

    CONSTRAINT "ExceptionReplay_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErpShipmentConfirmation" (
    "packageReference" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "erpOrderNumber" TEXT NOT NULL,
    "shipmentId" TEXT NOT NULL,
    "carrierCode" TEXT NOT NULL,
    "trackingNumber" TEXT,
    "shipDate" TIMESTAMP(3) NOT NULL,
    "lines" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "erpDocumentNumber" TEXT,
    "postedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedAt" TIMESTAMP(3),

    CONSTRAINT "ErpShipmentConfirmation_pkey" PRIMARY KEY ("packageReference")
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
CREATE INDEX "Shipment_orderId_idx" ON "Shipment"("orderId");

-- CreateIndex
CREATE INDEX "ShipmentPackage_orderId_idx" ON "ShipmentPackage"("orderId");

-- CreateIndex
CREATE INDEX "ShipmentPackage_carrierCode_trackingNumber_idx" ON "ShipmentPackage"("carrierCode", "trackingNumber");

-- CreateIndex
CREATE INDEX "PackageHistory_packageReference_id_idx" ON "PackageHistory"("packageReference", "id");

-- CreateIndex
CREATE INDEX "ShipmentFact_status_receivedAt_idx" ON "ShipmentFact"("status", "receivedAt");

-- CreateIndex
CREATE INDEX "ShipmentFact_orderId_status_idx" ON "ShipmentFact"("orderId", "status");

-- CreateIndex
CREATE INDEX "ShipmentFact_carrierCode_trackingNumber_status_idx" ON "ShipmentFact"("carrierCode", "trackingNumber", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ShipmentException_factId_key" ON "ShipmentException"("factId");

-- CreateIndex
CREATE INDEX "ShipmentException_status_reason_createdAt_idx" ON "ShipmentException"("status", "reason", "createdAt");

-- CreateIndex
CREATE INDEX "ShipmentException_channel_status_idx" ON "ShipmentException"("channel", "status");

-- CreateIndex
CREATE INDEX "ExceptionReplay_exceptionId_id_idx" ON "ExceptionReplay"("exceptionId", "id");

-- CreateIndex
CREATE INDEX "ErpShipmentConfirmation_status_nextAttemptAt_idx" ON "ErpShipmentConfirmation"("status", "nextAttemptAt");

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

-- AddForeignKey
ALTER TABLE "ExceptionReplay" ADD CONSTRAINT "ExceptionReplay_exceptionId_fkey" FOREIGN KEY ("exceptionId") REFERENCES "ShipmentException"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
