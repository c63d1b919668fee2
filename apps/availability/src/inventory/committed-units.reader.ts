import { sql, type SqlExecutor } from '@crossdock/persistence';
import type { ConsumedLine, ErpPostingFact } from '@crossdock/availability/domain';

export interface SkuLocation {
  readonly sku: string;
  readonly locationId: string;
}

export interface OpenTotalRow extends SkuLocation {
  readonly channelAccountId: string;
  readonly open: number;
}

/** Grouped by SKU-location (`sku \0 locationId`). */
export type BySkuLocation<T> = Map<string, T[]>;

/**
 * Open reservation units per channel account at the given SKU-locations (every SKU-location
 * holding any when `keys` is null), as the database holds them now.
 */
export async function openTotalsAt(db: SqlExecutor, keys: readonly SkuLocation[] | null): Promise<BySkuLocation<OpenTotalRow>> {
  if (keys === null) {
    return grouped(
      await db.query<OpenTotalRow>(sql.named('committed-units.open-all')`
        SELECT "sku", "locationId", "channelAccountId", sum("openQuantity")::int AS "open"
        FROM "LineReservation" WHERE "openQuantity" > 0
        GROUP BY "sku", "locationId", "channelAccountId"`),
    );
  }
  const [skus, locations] = columns(keys);
  return grouped(
    await db.query<OpenTotalRow>(sql.named('committed-units.open')`
      SELECT "sku", "locationId", "channelAccountId", sum("openQuantity")::int AS "open"
      FROM "LineReservation"
      WHERE ("sku", "locationId") IN (SELECT * FROM unnest(${skus}::text[], ${locations}::text[])) AND "openQuantity" > 0
      GROUP BY "sku", "locationId", "channelAccountId"`),
  );
}

/**
 * Shipped order lines that consumed reservation units, at the given SKU-locations or (null) all.
 * All: the lines not marked settled (their partial index), as the start-up load reads them. At
 * given SKU-locations also those marked in the last ten minutes: another instance marked them
 * against the ERP position it held, which this instance's table may receive a moment later, and
 * until then the domain's rule must still see them (it drops them itself once the ERP position
 * reflects them).
 */
export async function consumedLinesAt(db: SqlExecutor, keys: readonly SkuLocation[] | null): Promise<BySkuLocation<ConsumedLine>> {
  let rows: ConsumedLine[];
  if (keys === null) {
    rows = await db.query<ConsumedLine>(sql.named('committed-units.consumed-all')`
      SELECT "orderId", "lineId", "sku", "locationId", "channelAccountId", "shippedQuantity", "consumedQuantity", "postings"
      FROM "ConsumedLine" WHERE "consumedQuantity" > 0 AND "settledAt" IS NULL`);
  } else {
    const [skus, locations] = columns(keys);
    rows = await db.query<ConsumedLine>(sql.named('committed-units.consumed')`
      SELECT "orderId", "lineId", "sku", "locationId", "channelAccountId", "shippedQuantity", "consumedQuantity", "postings"
      FROM "ConsumedLine"
      WHERE ("sku", "locationId") IN (SELECT * FROM unnest(${skus}::text[], ${locations}::text[]))
        AND "consumedQuantity" > 0 AND ("settledAt" IS NULL OR "settledAt" > now() - interval '10 minutes')`);
  }
  return grouped(rows.map((row) => ({ ...row, postings: row.postings as readonly ErpPostingFact[] })));
}

function columns(keys: readonly SkuLocation[]): [string[], string[]] {
  return [keys.map((k) => k.sku), keys.map((k) => k.locationId)];
}

function grouped<T extends SkuLocation>(rows: readonly T[]): BySkuLocation<T> {
  const bySkuLocation: BySkuLocation<T> = new Map();
  for (const row of rows) {
    const key = `${row.sku}\u0000${row.locationId}`;
    const held = bySkuLocation.get(key);
    if (held) held.push(row);
    else bySkuLocation.set(key, [row]);
  }
  return bySkuLocation;
}
