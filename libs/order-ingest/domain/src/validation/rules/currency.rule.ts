import type { ChannelOrder } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';
import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';

/**
 * Prices are booked in the channel account's currency; an order in another currency would be
 * invoiced at the wrong amount (100 JPY is not 100 USD cents), so it cannot be converted silently.
 */
export function checkCurrency(order: ChannelOrder, account: ChannelAccountConfig): RuleIssue[] {
  if (order.currency === account.currency) return [];
  return [
    orderIssue(IssueCode.CurrencyMismatch, `order currency '${order.currency}' differs from ${account.channelAccountId}'s currency '${account.currency}'`, {
      field: 'currency',
    }),
  ];
}
