-- CreateTable
CREATE TABLE "OrderFulfilmentProgress" (
    "orderId" TEXT NOT NULL,
    "progress" TEXT NOT NULL,
    "version" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrderFulfilmentProgress_pkey" PRIMARY KEY ("orderId")
);
