import type { ChannelOrder } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import type { RuleIssue } from '../../issues/order-issue';
import { orderIssue } from '../../issues/order-issue';
import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';

/** Sandbox orders must never reach a production ERP or WMS; only sandbox channel accounts take them. */
export function checkTestOrder(order: ChannelOrder, account: ChannelAccountConfig): RuleIssue[] {
  if (!order.isTest || account.acceptTestOrders) return [];
  return [
    orderIssue(IssueCode.TestOrder, `test order from '${account.channelAccountId}', which does not accept test orders`, {
      field: 'isTest',
    }),
  ];
}
