import type { ChannelOrder } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';

/**
 * Order totals must add up exactly: they are what finance-recon matches against the settlement, so
 * an order whose lines and totals disagree would become a reconciliation exception weeks later.
 * Tax is added only when prices exclude it.
 */
export function checkOrderTotals(order: ChannelOrder): RuleIssue[] {
  const { totals } = order;
  const issues: RuleIssue[] = [];
  const lineSubtotal = order.lines.reduce((sum, l) => sum + l.lineSubtotalMinor, 0);
  if (lineSubtotal !== totals.subtotalMinor) {
    issues.push(
      orderIssue(IssueCode.AmountsInconsistent, `totals.subtotalMinor ${totals.subtotalMinor} ≠ sum of line subtotals ${lineSubtotal}`, {
        field: 'totals.subtotalMinor',
      }),
    );
  }
  const expectedTotal = totals.subtotalMinor - totals.discountMinor + totals.shippingMinor + (order.pricesIncludeTax ? 0 : totals.taxMinor);
  if (expectedTotal !== totals.totalMinor) {
    issues.push(
      orderIssue(
        IssueCode.AmountsInconsistent,
        `totals.totalMinor ${totals.totalMinor} ≠ subtotal − discount + shipping${order.pricesIncludeTax ? '' : ' + tax'} = ${expectedTotal}`,
        { field: 'totals.totalMinor' },
      ),
    );
  }
  return issues;
}
