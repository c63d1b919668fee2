-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "AmazonPollCursor" (
    "channelAccountId" TEXT NOT NULL,
    "watermark" TEXT NOT NULL,
    "seen" TEXT[],
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AmazonPollCursor_pkey" PRIMARY KEY ("channelAccountId")
);

-- CreateTable
CREATE TABLE "EdiControlCounter" (
    "channelAccountId" TEXT NOT NULL,
    "lastControlNumber" INTEGER NOT NULL,

    CONSTRAINT "EdiControlCounter_pkey" PRIMARY KEY ("channelAccountId")
);

-- CreateTable
CREATE TABLE "EdiAcknowledgement" (
    "id" BIGSERIAL NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "fileSha256" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "controlNumber" INTEGER NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EdiAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelRejection" (
    "id" BIGSERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "channelAccountId" TEXT NOT NULL,
    "channelOrderId" TEXT,
    "documentRef" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "field" TEXT,
    "message" TEXT NOT NULL,
    "rejectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelRejection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "EdiAcknowledgement_channelAccountId_fileSha256_key" ON "EdiAcknowledgement"("channelAccountId", "fileSha256");

-- CreateIndex
CREATE UNIQUE INDEX "EdiAcknowledgement_channelAccountId_controlNumber_key" ON "EdiAcknowledgement"("channelAccountId", "controlNumber");

-- CreateIndex
CREATE INDEX "ChannelRejection_rejectedAt_idx" ON "ChannelRejection"("rejectedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChannelRejection_channelAccountId_documentRef_key" ON "ChannelRejection"("channelAccountId", "documentRef");
