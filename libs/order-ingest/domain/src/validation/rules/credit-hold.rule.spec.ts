import type { ResolvedAccount } from '@crossdock/contracts';
import { sampleCatalog } from '../../testing/sample-data.fixture';
import { checkCreditHold } from './credit-hold.rule';

const account = (erpCustomerNumber: string): ResolvedAccount => ({
  erpCustomerNumber,
  erpBillToId: null,
  erpShipToId: null,
  paymentTerms: 'NET45',
  mappingRule: null,
});

describe('checkCreditHold', () => {
  const reference = sampleCatalog();

  it('passes an account in good standing', () => {
    expect(checkCreditHold(account('C20417'), reference)).toEqual([]);
  });

  it('holds (never rejects) an order of an account on credit hold (CREDIT_HOLD)', () => {
    expect(checkCreditHold(account('C20533'), reference)).toEqual([
      expect.objectContaining({ reasonCode: 'CREDIT_HOLD', field: null, disposition: 'HELD', retryable: true }),
    ]);
    expect(checkCreditHold(account('C20533'), reference)[0]?.message).toContain('past due');
  });
});
