import { scanTopicReferences } from './topic-references.scanner';

const scan = (text: string) => scanTopicReferences('apps/x/src/x.ts', text);

describe('scanTopicReferences', () => {
  it('tells subscriptions, publications and other uses apart', () => {
    const { references, problems } = scan(`
import { Topics as T, messageKey } from '@crossdock/contracts';
import { OnEvent, OnEventBatch } from '@crossdock/messaging';

export class Handler {
  @OnEvent(T.ordersAccepted)
  accepted(): void {}

  @OnEventBatch(T.itemMaster, { maxMessages: 10 })
  items(): void {}

  async send(): Promise<void> {
    await this.events.publishMany(T.reservations, []);
    await this.events.publish(T['stockShortages'], {});
    return messageKey(T.itemMaster, { sku: 'A' });
  }
}
const sink = { contract: T.erpInventoryPositions };
`);
    expect(problems).toEqual([]);
    expect(references).toEqual([
      { topic: 'ordersAccepted', use: 'subscribes', at: 'apps/x/src/x.ts:6' },
      { topic: 'itemMaster', use: 'subscribes', at: 'apps/x/src/x.ts:9' },
      { topic: 'reservations', use: 'publishes', at: 'apps/x/src/x.ts:13' },
      { topic: 'stockShortages', use: 'publishes', at: 'apps/x/src/x.ts:14' },
      { topic: 'itemMaster', use: 'other', at: 'apps/x/src/x.ts:15' },
      { topic: 'erpInventoryPositions', use: 'other', at: 'apps/x/src/x.ts:18' },
    ]);
  });

  it('ignores a Topics that is not the registry, and comments', () => {
    const { references, problems } = scan(`
const Topics = { channelOrders: 1 };
// Topics.ordersAccepted in a comment
export const x = Topics.channelOrders;
`);
    expect(references).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('reports what would make the check blind: a subscription to a variable, a computed key, a spelled topic name', () => {
    const { problems } = scan(`
import { Topics } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
const topic = Topics.channelOrders;
export class Handler {
  @OnEvent(topic)
  orders(): void {}
}
export const any = (key: 'channelOrders') => Topics[key];
export const raw = 'crossdock.orders.order-accepted.v1';
`);
    expect(problems).toEqual([
      'apps/x/src/x.ts:6: @OnEvent without a Topics.<key> first argument: name the topic there, so its subscription can be checked',
      'apps/x/src/x.ts:9: Topics[...] with a computed key: use Topics.<key>, so the topic can be checked',
      "apps/x/src/x.ts:10: spells the topic name 'crossdock.orders.order-accepted.v1': use Topics.<key> and topicName()",
    ]);
  });
});
