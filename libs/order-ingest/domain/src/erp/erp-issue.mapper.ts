import { IssueCode } from '../issues/order-ingest-issue-codes';
import { orderIssue, type RuleIssue } from '../issues/order-issue';
import { ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';

/**
 * The issue an order carries in the exception queue after an ERP failure: ERP_REJECTED (HELD, not
 * retryable) with the ERP's reasons, or ERP_UNAVAILABLE (HELD, retryable) when it waited too long.
 */
export function erpFailureIssue(error: ErpPermanentError | ErpTransientError): RuleIssue {
  if (error instanceof ErpPermanentError) {
    const details = error.details.length > 0 ? `: ${error.details.join('; ')}` : '';
    return orderIssue(IssueCode.ErpRejected, `ERP refused the order (${error.code}) ${error.message}${details}`);
  }
  const wait = error.retryAfterMs !== null ? `, retry after ${Math.ceil(error.retryAfterMs / 1000)} s` : '';
  return orderIssue(IssueCode.ErpUnavailable, `ERP unavailable (${error.kind}${wait}): ${error.message}`);
}
