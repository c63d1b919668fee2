-- AlterTable
ALTER TABLE "WarehouseReleaseRecord" ADD COLUMN     "transactionControl" TEXT;

-- CreateTable
CREATE TABLE "EdiControlCounter" (
    "locationId" TEXT NOT NULL,
    "lastValue" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EdiControlCounter_pkey" PRIMARY KEY ("locationId")
);

-- CreateTable
CREATE TABLE "ThirdPartyInterchange" (
    "id" BIGSERIAL NOT NULL,
    "locationId" TEXT NOT NULL,
    "sender" TEXT NOT NULL,
    "interchangeControl" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "acknowledgement" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThirdPartyInterchange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThirdPartyShipmentFact" (
    "factKey" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "releaseId" TEXT,
    "locationId" TEXT NOT NULL,
    "interchangeControl" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ThirdPartyShipmentFact_pkey" PRIMARY KEY ("factKey")
);

-- CreateIndex
CREATE UNIQUE INDEX "ThirdPartyInterchange_locationId_sender_interchangeControl_key" ON "ThirdPartyInterchange"("locationId", "sender", "interchangeControl");

-- CreateIndex
CREATE INDEX "ThirdPartyShipmentFact_releaseId_idx" ON "ThirdPartyShipmentFact"("releaseId");
