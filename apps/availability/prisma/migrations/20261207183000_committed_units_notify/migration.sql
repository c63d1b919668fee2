-- CreateIndex
CREATE INDEX "ConsumedLine_sku_locationId_idx" ON "ConsumedLine"("sku", "locationId");

-- Every instance keeps open reservation totals and consumed units per SKU-location in memory.
-- A committed change to either announces its SKU-location on this channel (NOTIFY is delivered at
-- commit, never for a rolled-back transaction), and each instance re-reads that SKU-location.
-- A trigger, so no write path can forget to announce. Prisma's pg adapter runs a migration split
-- at every semicolon, quoted or not, so the body spells its semicolons as the escape \073.
CREATE FUNCTION "announce_committed_units"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM pg_notify(''availability_committed_units'', json_build_array(NEW."sku", NEW."locationId")::text)\073 RETURN NULL\073 END';

CREATE TRIGGER "LineReservation_committed_units"
  AFTER INSERT OR UPDATE OF "openQuantity", "sku", "locationId", "channelAccountId" ON "LineReservation"
  FOR EACH ROW EXECUTE FUNCTION "announce_committed_units"();

CREATE TRIGGER "ConsumedLine_committed_units"
  AFTER INSERT OR UPDATE OF "consumedQuantity", "shippedQuantity", "postings", "sku", "locationId", "channelAccountId" ON "ConsumedLine"
  FOR EACH ROW EXECUTE FUNCTION "announce_committed_units"();
