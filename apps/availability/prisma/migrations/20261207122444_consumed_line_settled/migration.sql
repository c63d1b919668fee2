-- DropIndex
DROP INDEX "ConsumedLine_consumedQuantity_idx";

-- AlterTable
ALTER TABLE "ConsumedLine" ADD COLUMN     "settledAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ConsumedLine_unsettled_idx" ON "ConsumedLine"("consumedQuantity") WHERE ("settledAt" IS NULL);
