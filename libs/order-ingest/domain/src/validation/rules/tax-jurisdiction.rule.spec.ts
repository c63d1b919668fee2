import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';
import { sampleCatalog } from '../../testing/sample-data.fixture';
import { resolveTaxJurisdiction, type TaxAddress } from './tax-jurisdiction.rule';

const reference = sampleCatalog();
const shopify = reference.channelAccount('acme-outdoor') as ChannelAccountConfig;
const amazon = reference.channelAccount('amazon-us') as ChannelAccountConfig;
const at = (region: string | null, postalCode: string | null, countryCode = 'US'): TaxAddress => ({
  countryCode,
  region,
  postalCode,
  field: 'shipTo.postalCode',
});

describe('resolveTaxJurisdiction', () => {
  it('resolves the state when no postal prefix is more specific', () => {
    expect(resolveTaxJurisdiction(at('OR', '97209'), null, shopify, reference).value).toMatchObject({
      jurisdictionCode: 'US-OR',
      region: 'US-OR',
      taxExempt: false,
      marketplaceFacilitator: false,
    });
  });

  it('prefers the longest matching postal prefix and accepts ISO 3166-2 regions', () => {
    expect(resolveTaxJurisdiction(at('US-NV', '89501'), null, shopify, reference).value?.jurisdictionCode).toBe('US-NV-WASHOE');
    expect(resolveTaxJurisdiction(at('NV', '89101'), null, shopify, reference).value?.jurisdictionCode).toBe('US-NV');
  });

  it('marks exemption certificates and marketplace-facilitator channels', () => {
    const tax = resolveTaxJurisdiction(at('GA', '30303'), 'RESALE-GA-88231', amazon, reference).value;
    expect(tax).toMatchObject({ jurisdictionCode: 'US-GA-FULTON', taxExempt: true, marketplaceFacilitator: true });
  });

  it('holds an address the table does not cover (TAX_JURISDICTION_UNRESOLVED)', () => {
    const outcome = resolveTaxJurisdiction(at('MT', '59601'), null, shopify, reference);
    expect(outcome.value).toBeNull();
    expect(outcome.issues).toEqual([
      expect.objectContaining({
        reasonCode: 'TAX_JURISDICTION_UNRESOLVED',
        field: 'shipTo.postalCode',
        disposition: 'HELD',
      }),
    ]);
    expect(resolveTaxJurisdiction(at('ON', 'M5V 2T6', 'CA'), null, shopify, reference).issues[0]?.reasonCode).toBe('TAX_JURISDICTION_UNRESOLVED');
  });
});
