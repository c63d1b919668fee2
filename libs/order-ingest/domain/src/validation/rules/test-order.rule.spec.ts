import { sampleChannelOrder } from '@crossdock/testing';
import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';
import { sampleCatalog } from '../../testing/sample-data.fixture';
import { checkTestOrder } from './test-order.rule';

describe('checkTestOrder', () => {
  const account = sampleCatalog().channelAccount('acme-outdoor') as ChannelAccountConfig;

  it('lets live orders through', () => {
    expect(checkTestOrder(sampleChannelOrder(), account)).toEqual([]);
  });

  it('rejects a test order on a production account (TEST_ORDER)', () => {
    expect(checkTestOrder(sampleChannelOrder({ isTest: true }), account)).toEqual([
      expect.objectContaining({ reasonCode: 'TEST_ORDER', field: 'isTest', disposition: 'REJECTED', retryable: false }),
    ]);
  });

  it('accepts a test order on a sandbox account', () => {
    expect(checkTestOrder(sampleChannelOrder({ isTest: true }), { ...account, acceptTestOrders: true })).toEqual([]);
  });
});
