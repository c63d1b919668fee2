-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "ChannelRulesVersion" (
    "version" INTEGER NOT NULL,
    "yaml" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "storedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelRulesVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "LineReservation" (
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "reservationId" TEXT,
    "sku" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "requestedQuantity" INTEGER NOT NULL,
    "reservedQuantity" INTEGER NOT NULL,
    "openQuantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL,
    "reservedEvent" JSONB,
    "shortageEvent" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LineReservation_pkey" PRIMARY KEY ("orderId","lineId")
);

-- CreateTable
CREATE TABLE "ReservationChange" (
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "causationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "event" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReservationChange_pkey" PRIMARY KEY ("orderId","lineId","causationId","type")
);

-- CreateTable
CREATE TABLE "OrderOutcome" (
    "orderId" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,

    CONSTRAINT "OrderOutcome_pkey" PRIMARY KEY ("orderId")
);

-- CreateIndex
CREATE UNIQUE INDEX "LineReservation_reservationId_key" ON "LineReservation"("reservationId");

-- CreateIndex
CREATE INDEX "LineReservation_sku_locationId_openQuantity_idx" ON "LineReservation"("sku", "locationId", "openQuantity");

-- CreateIndex
CREATE INDEX "LineReservation_status_expiresAt_idx" ON "LineReservation"("status", "expiresAt");

-- AddForeignKey
ALTER TABLE "ReservationChange" ADD CONSTRAINT "ReservationChange_orderId_lineId_fkey" FOREIGN KEY ("orderId", "lineId") REFERENCES "LineReservation"("orderId", "lineId") ON DELETE RESTRICT ON UPDATE CASCADE;
