import { z } from 'zod';

/**
 * The "changes since <token>" protocol every source system is read through (ERP items, ERP stock,
 * WMS inventory). Only the envelope is checked here: a change the mapper cannot read is one
 * rejected record, never a failed page, so one bad row cannot stop a feed.
 *
 *   GET <feed>/changes?since=<token>&limit=<n>   changes after the token, oldest first
 *   GET <feed>/snapshot?pageToken=<t>&limit=<n>  current state, paged by key; feedToken = head when paging began
 *
 * Tokens are opaque to the connector; it only stores them and hands them back.
 */
export const feedPageSchema = z.object({
  changes: z.array(z.unknown()),
  nextToken: z.string().min(1),
  hasMore: z.boolean(),
});

export const snapshotPageSchema = z.object({
  records: z.array(z.unknown()),
  nextPageToken: z.string().min(1).nullable(),
  feedToken: z.string().min(1),
});

export type FeedPage = z.infer<typeof feedPageSchema>;
export type SnapshotPage = z.infer<typeof snapshotPageSchema>;

export type ChangeOperation = 'UPSERT' | 'DELETE';

/** ERP item master row as the ERP's API returns it (deliberately not the hub's shape). */
export interface ErpItemRecord {
  readonly itemNumber: string;
  readonly description: string;
  readonly baseUom: string;
  readonly alternateUoms: ReadonlyArray<{ readonly uom: string; readonly factor: number }>;
  readonly barcodes: readonly string[];
  readonly safetyStockQty: number;
  readonly status: 'ACTIVE' | 'DISCONTINUED';
  readonly supersededBy: string | null;
  readonly weightKg: number | null;
  /** ISO 8601. */
  readonly lastModified: string;
  /** Feed sequence of the row's last change: monotonic per row. */
  readonly rowVersion: number;
}

export interface ErpItemChange {
  readonly seq: number;
  readonly op: ChangeOperation;
  readonly itemNumber: string;
  readonly record: ErpItemRecord | null;
}

/** ERP stock per item and warehouse (ERP warehouse codes, not hub locations). */
export interface ErpStockRecord {
  readonly itemNumber: string;
  readonly warehouseCode: string;
  readonly uom: string;
  readonly onHandQty: number;
  readonly committedQty: number;
  readonly openSupply: ReadonlyArray<{
    readonly docType: 'PO' | 'TRANSFER';
    readonly docNumber: string;
    readonly qty: number;
    /** ISO 8601 or null when the supplier gave no date. */
    readonly dueDate: string | null;
  }>;
  readonly lastModified: string;
  readonly rowVersion: number;
}

export interface ErpStockChange {
  readonly seq: number;
  readonly op: ChangeOperation;
  readonly itemNumber: string;
  readonly warehouseCode: string;
  readonly record: ErpStockRecord | null;
}

/** WMS inventory per SKU and facility: physical count, allocations, holds and expected ASNs. */
export interface WmsInventoryRecord {
  readonly sku: string;
  readonly facilityId: string;
  readonly uom: string;
  readonly physicalQty: number;
  readonly allocatedQty: number;
  readonly holds: ReadonlyArray<{ readonly reason: 'QC' | 'DAMAGE' | 'QUARANTINE'; readonly qty: number }>;
  readonly inboundAsns: ReadonlyArray<{ readonly asnNumber: string; readonly qty: number; readonly eta: string | null }>;
  readonly updatedAt: string;
  readonly sequence: number;
}

export interface WmsInventoryChange {
  readonly seq: number;
  readonly op: ChangeOperation;
  readonly sku: string;
  readonly facilityId: string;
  readonly record: WmsInventoryRecord | null;
}
