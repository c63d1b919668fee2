import type { ConsumedLine, ErpPostingFact } from '@crossdock/availability/domain';
import type { ConsumedLine as ConsumedLineRow } from '../generated/prisma/client';

/** A stored ConsumedLine row as the domain sees it; `postings` holds [{quantity, postedAt}] as written. */
export function consumedLineOf(row: ConsumedLineRow): ConsumedLine {
  return {
    orderId: row.orderId,
    lineId: row.lineId,
    locationId: row.locationId,
    sku: row.sku,
    channelAccountId: row.channelAccountId,
    shippedQuantity: row.shippedQuantity,
    consumedQuantity: row.consumedQuantity,
    postings: row.postings as unknown as ErpPostingFact[],
  };
}
