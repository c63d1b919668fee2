import type { ChannelOrderLine, ItemMaster } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue } from '../../issues/order-issue';
import { failed, ok, type RuleOutcome } from '../validation-context';

/** Channel units that mean "one base unit" whatever the item (null: the channel sells eaches). */
const EACH_ALIASES = new Set(['EA', 'EACH', 'PC', 'PCS', 'UN']);

/**
 * Channel quantity → base-unit quantity (EDI partners order cases: 2 CS × 12 = 24 EA). Inventory,
 * reservations and the ERP all count in the base unit, so an unknown unit cannot be guessed.
 */
export function convertToBaseUnit(line: ChannelOrderLine, index: number, item: ItemMaster): RuleOutcome<number> {
  const unit = line.unitOfMeasure?.trim().toUpperCase() ?? null;
  const base = item.baseUnitOfMeasure.toUpperCase();
  if (unit === null || unit === base || (EACH_ALIASES.has(unit) && EACH_ALIASES.has(base))) return ok(line.quantity);
  const conversion = item.unitConversions.find((c) => c.unitOfMeasure.toUpperCase() === unit);
  if (conversion) return ok(line.quantity * conversion.baseQuantity);
  return failed(
    orderIssue(
      IssueCode.UnitOfMeasureUnmapped,
      `line ${line.lineId}: unit '${line.unitOfMeasure}' has no conversion to ${item.baseUnitOfMeasure} for item ${item.sku}`,
      { field: `lines[${index}].unitOfMeasure`, lineId: line.lineId },
    ),
  );
}
