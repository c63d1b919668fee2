import type { ResolvedAccount } from '@crossdock/contracts';
import { IssueCode } from '../../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../../issues/order-issue';
import type { ReferenceCatalog } from '../../reference-data/reference-catalog';

/**
 * An account on credit hold is HELD, never rejected: the order is legitimate, finance releases the
 * hold (payment received, limit raised) and the order is replayed. No field: it is about the account.
 */
export function checkCreditHold(account: ResolvedAccount, reference: ReferenceCatalog): RuleIssue[] {
  const hold = reference.creditHold(account.erpCustomerNumber);
  if (!hold) return [];
  return [orderIssue(IssueCode.CreditHold, `ERP account ${account.erpCustomerNumber} is on credit hold since ${hold.since}: ${hold.reason}`)];
}
