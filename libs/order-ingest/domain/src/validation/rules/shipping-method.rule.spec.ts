import { sampleChannelOrder } from '@crossdock/testing';
import { sampleCatalog } from '../../testing/sample-data.fixture';
import { translateShippingMethod } from './shipping-method.rule';

describe('translateShippingMethod', () => {
  const reference = sampleCatalog();
  const shipping = sampleChannelOrder().shipping;

  it('translates the channel method per channel account, ignoring case and spacing', () => {
    expect(translateShippingMethod({ ...shipping, channelMethodCode: ' standard  SHIPPING ' }, 'acme-outdoor', reference).value).toEqual({
      carrierCode: 'UPSN',
      serviceCode: 'UPS_GROUND',
      billingAccount: null,
      shipBy: null,
    });
  });

  it('carries third-party billing and the ship-by deadline', () => {
    const value = translateShippingMethod(
      {
        ...shipping,
        channelMethodCode: 'ODFL-LTL',
        thirdPartyBillingAccount: 'ODFL-778812',
        shipBy: 1_764_288_000_000,
      },
      'edi-summit-outfitters',
      reference,
    ).value;
    expect(value).toEqual({
      carrierCode: 'ODFL',
      serviceCode: 'ODFL_LTL_STANDARD',
      billingAccount: 'ODFL-778812',
      shipBy: 1_764_288_000_000,
    });
  });

  it('holds a method the channel account has no mapping for (SHIPPING_METHOD_UNMAPPED)', () => {
    // Mapped for amazon-us, not for acme-outdoor: mappings never leak across channel accounts.
    const outcome = translateShippingMethod({ ...shipping, channelMethodCode: 'NextDay' }, 'acme-outdoor', reference);
    expect(outcome.issues).toEqual([
      expect.objectContaining({
        reasonCode: 'SHIPPING_METHOD_UNMAPPED',
        field: 'shipping.channelMethodCode',
        disposition: 'HELD',
      }),
    ]);
  });
});
