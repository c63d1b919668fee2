-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "FeedCursor" (
    "feed" TEXT NOT NULL,
    "cursor" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FeedCursor_pkey" PRIMARY KEY ("feed")
);

-- CreateTable
CREATE TABLE "SourceRejection" (
    "id" BIGSERIAL NOT NULL,
    "feed" TEXT NOT NULL,
    "dedupKey" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "sourceSeq" BIGINT,
    "reason" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "change" JSONB NOT NULL,
    "rejectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),

    CONSTRAINT "SourceRejection_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SourceRejection_feed_sourceKey_idx" ON "SourceRejection"("feed", "sourceKey");

-- CreateIndex
CREATE INDEX "SourceRejection_resolvedAt_id_idx" ON "SourceRejection"("resolvedAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "SourceRejection_feed_dedupKey_key" ON "SourceRejection"("feed", "dedupKey");
