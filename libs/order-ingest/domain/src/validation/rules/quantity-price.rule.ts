import type { ChannelOrder, ChannelOrderLine } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';

/**
 * Line sanity: whole positive quantities, non-negative whole minor-unit amounts, and a subtotal that
 * matches quantity × unit price. The channel may round the unit price to the minor unit (screws at
 * $0.0125), so the subtotal may differ from quantity × rounded price by up to half a minor unit per
 * unit; more than that means the order is corrupt.
 */
export function checkQuantitiesAndPrices(order: ChannelOrder): RuleIssue[] {
  if (order.lines.length === 0) {
    return [orderIssue(IssueCode.OrderHasNoLines, 'order has no lines', { field: 'lines' })];
  }
  return order.lines.flatMap((line, index) => checkLine(line, index));
}

function checkLine(line: ChannelOrderLine, index: number): RuleIssue[] {
  const at = (field: string) => ({ field: `lines[${index}].${field}`, lineId: line.lineId });
  const issues: RuleIssue[] = [];
  if (!Number.isSafeInteger(line.quantity) || line.quantity <= 0) {
    issues.push(orderIssue(IssueCode.QuantityInvalid, `line ${line.lineId}: quantity ${line.quantity} is not a positive whole number`, at('quantity')));
  }
  const amounts = {
    unitPriceMinor: line.unitPriceMinor,
    lineSubtotalMinor: line.lineSubtotalMinor,
    discountMinor: line.discountMinor,
  };
  for (const [field, value] of Object.entries(amounts)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      issues.push(orderIssue(IssueCode.PriceInvalid, `line ${line.lineId}: ${field} ${value} is negative or not whole minor units`, at(field)));
    }
  }
  if (issues.length > 0) return issues;

  const expected = line.quantity * line.unitPriceMinor;
  if (Math.abs(expected - line.lineSubtotalMinor) > line.quantity / 2) {
    issues.push(
      orderIssue(
        IssueCode.AmountsInconsistent,
        `line ${line.lineId}: subtotal ${line.lineSubtotalMinor} ≠ ${line.quantity} × ${line.unitPriceMinor} = ${expected}`,
        at('lineSubtotalMinor'),
      ),
    );
  }
  if (line.discountMinor > line.lineSubtotalMinor) {
    issues.push(
      orderIssue(
        IssueCode.AmountsInconsistent,
        `line ${line.lineId}: discount ${line.discountMinor} exceeds subtotal ${line.lineSubtotalMinor}`,
        at('discountMinor'),
      ),
    );
  }
  return issues;
}
