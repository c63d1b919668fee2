import type { ChannelOrderLine, ItemMaster } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue } from '../../issues/order-issue';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';
import { failed, ok, type ItemCatalog, type RuleOutcome } from '../validation-context';

/**
 * Channel SKU → ERP item, per channel account (the same listing SKU can mean different items on two
 * marketplaces). The GTIN is the fallback EDI partners rely on. A mapped SKU the item master has
 * not delivered yet is HELD like an unmapped one: both resolve once reference data arrives.
 */
export function mapLineItem(
  line: ChannelOrderLine,
  index: number,
  channelAccountId: string,
  reference: ReferenceCatalog,
  items: ItemCatalog,
): RuleOutcome<ItemMaster> {
  const where = { field: `lines[${index}].channelSku`, lineId: line.lineId };
  const mapping = reference.itemMapping(channelAccountId, line.channelSku);
  if (mapping) {
    const item = items.bySku(mapping.sku);
    if (item) return ok(item);
    return failed(orderIssue(IssueCode.ItemUnmapped, `channel SKU '${line.channelSku}' maps to ${mapping.sku}, which is not in the item master`, where));
  }
  const byGtin = line.gtin ? items.byGtin(line.gtin) : undefined;
  if (byGtin) return ok(byGtin);
  return failed(
    orderIssue(
      IssueCode.ItemUnmapped,
      `channel SKU '${line.channelSku}'${line.gtin ? ` (GTIN ${line.gtin})` : ''} has no item mapping for ${channelAccountId}`,
      where,
    ),
  );
}
