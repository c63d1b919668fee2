import { sampleChannelOrder } from '@crossdock/testing';
import { ampleAvailability, SAMPLE_NOW, sampleCatalog, sampleItems } from '../testing/sample-data.fixture';
import { evaluateChannelOrder } from '../validation/order-validation.pipeline';
import { ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import { erpFailureIssue } from './erp-issue.mapper';
import { buildErpOrderPayload } from './erp-order.payload';

describe('buildErpOrderPayload', () => {
  it('carries the canonical order id as the external id and books base-unit lines at their location', () => {
    const { draft } = evaluateChannelOrder({
      order: sampleChannelOrder(),
      reference: sampleCatalog(),
      items: sampleItems(),
      availability: ampleAvailability(),
      now: SAMPLE_NOW,
    });
    if (!draft) throw new Error('expected the sample order to be accepted');
    const payload = buildErpOrderPayload(draft);
    expect(payload.externalId).toBe('SHOPIFY:acme-outdoor:5533284548710');
    expect(payload.customer.erpCustomerNumber).toBe('C-WEB-SHOPIFY');
    expect(payload.lines[0]).toEqual({
      lineNumber: 1,
      channelLineId: '1',
      sku: 'TEE-BLK-M',
      quantity: 2,
      unitOfMeasure: 'EA',
      extendedAmountMinor: 4_998,
      discountMinor: 0,
      taxMinor: 0,
      locationId: 'DC-RENO',
      substitutedForSku: null,
      description: 'shop tee blk m',
    });
    expect(payload.notes).toBe('Leave at front desk');
    expect(payload.totals.totalMinor).toBe(draft.totals.totalMinor);
  });
});

describe('erpFailureIssue', () => {
  it('turns an ERP refusal into ERP_REJECTED (held, not retryable) with the ERP reasons', () => {
    const issue = erpFailureIssue(new ErpPermanentError('VALIDATION', 'order refused', ['customer C20417 inactive']));
    expect(issue).toMatchObject({ reasonCode: 'ERP_REJECTED', disposition: 'HELD', retryable: false });
    expect(issue.message).toContain('customer C20417 inactive');
  });

  it('turns an exhausted wait into ERP_UNAVAILABLE (held, retryable)', () => {
    const issue = erpFailureIssue(new ErpTransientError('OUTAGE', 'maintenance', 120_000));
    expect(issue).toMatchObject({ reasonCode: 'ERP_UNAVAILABLE', disposition: 'HELD', retryable: true });
    expect(issue.message).toContain('120 s');
  });
});
