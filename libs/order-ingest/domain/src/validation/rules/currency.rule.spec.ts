import { sampleChannelOrder } from '@crossdock/testing';
import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';
import { sampleCatalog } from '../../testing/sample-data.fixture';
import { checkCurrency } from './currency.rule';

describe('checkCurrency', () => {
  const account = sampleCatalog().channelAccount('acme-outdoor') as ChannelAccountConfig;

  it('accepts the account currency', () => {
    expect(checkCurrency(sampleChannelOrder(), account)).toEqual([]);
  });

  it('rejects another currency (CURRENCY_MISMATCH)', () => {
    expect(checkCurrency(sampleChannelOrder({ currency: 'CAD' }), account)).toEqual([
      expect.objectContaining({ reasonCode: 'CURRENCY_MISMATCH', field: 'currency', disposition: 'REJECTED' }),
    ]);
  });
});
