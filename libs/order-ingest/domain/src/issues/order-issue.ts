import type { OrderIssue } from '@crossdock/contracts';
import { type IssueCode, type IssueDisposition, issueDisposition, isRetryable } from './order-ingest-issue-codes';

/** An issue as rules produce it: the contract's OrderIssue plus its disposition, for the pipeline's verdict. */
export interface RuleIssue extends OrderIssue {
  readonly reasonCode: IssueCode;
  readonly disposition: IssueDisposition;
}

export interface IssueLocation {
  /** Path of the offending ChannelOrder field, e.g. `lines[2].channelSku`. */
  readonly field?: string | null;
  readonly lineId?: string | null;
}

export function orderIssue(reasonCode: IssueCode, message: string, where: IssueLocation = {}): RuleIssue {
  return {
    reasonCode,
    field: where.field ?? null,
    lineId: where.lineId ?? null,
    message,
    retryable: isRetryable(reasonCode),
    disposition: issueDisposition[reasonCode],
  };
}

/** Strips the domain-only disposition so the issue fits the OrderRejected contract. */
export function toContractIssue({ disposition: _disposition, ...issue }: RuleIssue): OrderIssue {
  return issue;
}
