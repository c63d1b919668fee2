import { sampleChannelOrder } from '@crossdock/testing';
import { sampleCatalog } from '../../testing/sample-data.fixture';
import { resolveChannelAccount } from './channel-account.rule';

describe('resolveChannelAccount', () => {
  const reference = sampleCatalog();

  it('finds the configured channel account', () => {
    expect(resolveChannelAccount(sampleChannelOrder(), reference).value?.channel).toBe('SHOPIFY');
  });

  it('holds an order from an account without reference data (CHANNEL_ACCOUNT_UNCONFIGURED)', () => {
    const outcome = resolveChannelAccount(sampleChannelOrder({ channelAccountId: 'shopify-eu' }), reference);
    expect(outcome.value).toBeNull();
    expect(outcome.issues).toEqual([
      expect.objectContaining({
        reasonCode: 'CHANNEL_ACCOUNT_UNCONFIGURED',
        field: 'channelAccountId',
        disposition: 'HELD',
        retryable: true,
      }),
    ]);
    expect(outcome.issues[0]?.message).toContain('shopify-eu');
  });
});
