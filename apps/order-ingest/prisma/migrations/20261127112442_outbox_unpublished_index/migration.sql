-- CreateIndex
CREATE INDEX "EventOutbox_unpublished_idx" ON "EventOutbox"("id") WHERE ("publishedAt" IS NULL);
