import type { ChannelOrder } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue } from '../../issues/order-issue';
import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';
import { failed, ok, type RuleOutcome } from '../validation-context';

/**
 * Every other rule is configured per channel account, so an account without reference data stops
 * evaluation here with one clear issue instead of a dozen misleading "unmapped" ones.
 */
export function resolveChannelAccount(order: ChannelOrder, reference: ReferenceCatalog): RuleOutcome<ChannelAccountConfig> {
  const account = reference.channelAccount(order.channelAccountId);
  if (account) return ok(account);
  return failed(
    orderIssue(IssueCode.ChannelAccountUnconfigured, `channel account '${order.channelAccountId}' (${order.channel}) has no order-ingest reference data`, {
      field: 'channelAccountId',
    }),
  );
}
