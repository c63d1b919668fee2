import { OrderIssueCode } from '@crossdock/contracts';
import { IssueCode, issueDisposition, isRetryable } from './order-ingest-issue-codes';

describe('issue codes', () => {
  it('classifies every code, including every contract code', () => {
    expect(Object.keys(issueDisposition).sort()).toEqual(Object.values(IssueCode).sort());
    for (const code of Object.values(OrderIssueCode)) expect(issueDisposition[code]).toMatch(/^(HELD|REJECTED)$/);
  });

  it('uses the contract catalogue as the only list of codes', () => {
    expect(IssueCode).toBe(OrderIssueCode);
  });

  it('marks HELD issues retryable, except an ERP refusal', () => {
    expect(isRetryable('CREDIT_HOLD')).toBe(true);
    expect(isRetryable('ERP_UNAVAILABLE')).toBe(true);
    expect(isRetryable('ERP_REJECTED')).toBe(false);
    expect(isRetryable('ADDRESS_INVALID')).toBe(false);
  });
});
