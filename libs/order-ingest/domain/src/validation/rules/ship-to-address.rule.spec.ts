import type { PostalAddress } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { checkShipToAddress } from './ship-to-address.rule';

const address = (overrides: Partial<PostalAddress>): PostalAddress => ({
  ...sampleChannelOrder().shipTo,
  ...overrides,
});

describe('checkShipToAddress', () => {
  it('accepts a complete street address', () => {
    expect(checkShipToAddress(address({}))).toEqual([]);
  });

  it('accepts an address given only by partner location code (EDI store number)', () => {
    expect(checkShipToAddress(address({ lines: [], city: null, postalCode: null, locationCode: '0457' }))).toEqual([]);
  });

  it('reports every missing part of the address (ADDRESS_INVALID)', () => {
    const issues = checkShipToAddress(address({ lines: [' '], city: null, postalCode: null }));
    expect(issues.map((i) => [i.reasonCode, i.field, i.disposition])).toEqual([
      ['ADDRESS_INVALID', 'shipTo.lines', 'REJECTED'],
      ['ADDRESS_INVALID', 'shipTo.city', 'REJECTED'],
      ['ADDRESS_INVALID', 'shipTo.postalCode', 'REJECTED'],
    ]);
  });

  it('rejects a malformed US ZIP code and a non-ISO country', () => {
    expect(checkShipToAddress(address({ postalCode: '9720' }))[0]).toMatchObject({
      reasonCode: 'ADDRESS_INVALID',
      field: 'shipTo.postalCode',
    });
    expect(checkShipToAddress(address({ countryCode: 'USA' }))[0]).toMatchObject({
      reasonCode: 'ADDRESS_INVALID',
      field: 'shipTo.countryCode',
    });
  });

  it('does not require a postal code where the country has none', () => {
    expect(checkShipToAddress(address({ countryCode: 'HK', region: null, postalCode: null }))).toEqual([]);
  });
});
