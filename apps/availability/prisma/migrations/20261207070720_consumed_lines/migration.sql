-- CreateTable
CREATE TABLE "FulfilmentApplied" (
    "orderId" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FulfilmentApplied_pkey" PRIMARY KEY ("orderId")
);

-- CreateTable
CREATE TABLE "ConsumedLine" (
    "orderId" TEXT NOT NULL,
    "lineId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "shippedQuantity" INTEGER NOT NULL,
    "consumedQuantity" INTEGER NOT NULL,
    "postings" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConsumedLine_pkey" PRIMARY KEY ("orderId","lineId","locationId")
);

-- CreateIndex
CREATE INDEX "ConsumedLine_consumedQuantity_idx" ON "ConsumedLine"("consumedQuantity");
