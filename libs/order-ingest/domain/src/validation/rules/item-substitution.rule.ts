import type { ItemMaster, ItemSubstitution } from '@crossdock/contracts';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';
import type { SubstitutionRule } from '../../reference-data/reference-data.schema';
import type { ItemCatalog } from '../validation-context';

export interface SubstitutionResult {
  /** The item that will ship. */
  readonly item: ItemMaster;
  readonly substitution: ItemSubstitution | null;
  /**
   * Discontinued with nothing to substitute: the remaining stock may still be sold (sell-through),
   * so this is not an issue by itself; routing raises ITEM_DISCONTINUED when no stock is left.
   */
  readonly sellThroughOnly: boolean;
}

/** Supersession chains (A → B → C) are followed this far; longer ones are a data error, not a plan. */
const MAX_CHAIN = 5;

/**
 * Discontinued item → substitute: an explicit substitution rule (channel-specific before global)
 * wins over the item master's supersession, because the rule was agreed with the channel or buyer.
 * A substitute that is itself discontinued is followed to its own substitute.
 */
export function substituteDiscontinuedItem(
  mapped: ItemMaster,
  channelAccountId: string,
  reference: ReferenceCatalog,
  items: ItemCatalog,
  now: number,
): SubstitutionResult {
  let current = mapped;
  let first: ItemSubstitution | null = null;
  const visited = new Set<string>([mapped.sku]);
  for (let hop = 0; hop < MAX_CHAIN && current.discontinued; hop++) {
    const next = nextSubstitute(current, channelAccountId, reference, items, now);
    if (!next || visited.has(next.item.sku)) break;
    visited.add(next.item.sku);
    first ??= { originalSku: mapped.sku, reasonCode: next.reasonCode, ruleId: next.ruleId };
    current = next.item;
  }
  return { item: current, substitution: first, sellThroughOnly: current.discontinued };
}

function nextSubstitute(
  item: ItemMaster,
  channelAccountId: string,
  reference: ReferenceCatalog,
  items: ItemCatalog,
  now: number,
): { item: ItemMaster; reasonCode: string; ruleId: string } | null {
  const rules = reference
    .substitutionRules(item.sku)
    .filter((r) => appliesTo(r, channelAccountId, now))
    .sort((a, b) => b.channelAccountIds.length - a.channelAccountIds.length);
  for (const rule of rules) {
    const target = items.bySku(rule.toSku);
    if (target) return { item: target, reasonCode: rule.reasonCode, ruleId: rule.id };
  }
  if (item.substituteSku) {
    const target = items.bySku(item.substituteSku);
    if (target) return { item: target, reasonCode: 'SUPERSEDED', ruleId: `item-master:${item.sku}` };
  }
  return null;
}

function appliesTo(rule: SubstitutionRule, channelAccountId: string, now: number): boolean {
  if (rule.channelAccountIds.length > 0 && !rule.channelAccountIds.includes(channelAccountId)) return false;
  const day = new Date(now).toISOString().slice(0, 10);
  return (rule.validFrom === null || rule.validFrom <= day) && (rule.validTo === null || day <= rule.validTo);
}
