import { defineTopic, subjectName, topicName } from './topic-definition';
import { messageKey } from './message-key';
import { Topics } from './generated';

describe('topicName / subjectName', () => {
  it('prefix the catalog name with the deployment namespace', () => {
    expect(topicName(Topics.channelOrders, '')).toBe('crossdock.orders.channel-order.v1');
    expect(topicName(Topics.channelOrders, 't1a2b.')).toBe('t1a2b.crossdock.orders.channel-order.v1');
    expect(subjectName(Topics.channelOrders, 't1a2b.')).toBe('t1a2b.crossdock.orders.channel-order.v1-value');
  });

  it('reject names Kafka would refuse', () => {
    expect(() => topicName(Topics.channelOrders, 'bad ns/')).toThrow(/invalid topic name/);
    expect(() => topicName(Topics.channelOrders, 'x'.repeat(240))).toThrow(/at most 249/);
  });
});

describe('type checks (enforced by `typecheck`)', () => {
  const base = {
    key: 'x',
    name: 'crossdock.test.x.v1',
    description: 'x',
    valueRecord: 'com.crossdock.test.X',
    valueSchemaPath: 'schemas/avro/test/x.avsc',
    valueSchema: { type: 'record', name: 'X', fields: [] },
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionMs: 1,
    configs: {},
    owner: 'a',
    consumers: [],
  } as const;

  it('key placeholders must be scalar fields of the value', () => {
    expect(defineTopic<{ sku: string }, '{sku}'>({ ...base, messageKey: { format: '{sku}', description: 'x' } }).key).toBe('x');
    // @ts-expect-error 'location' is not a field of the value
    defineTopic<{ sku: string }, '{sku}@{location}'>({ ...base, messageKey: { format: '{sku}@{location}', description: 'x' } });
    // @ts-expect-error a nullable field cannot be part of a key
    defineTopic<{ sku: string | null }, '{sku}'>({ ...base, messageKey: { format: '{sku}', description: 'x' } });
  });

  it('messageKey needs every key field', () => {
    // @ts-expect-error locationId is missing
    expect(() => messageKey(Topics.erpInventoryPositions, { sku: 'x' })).toThrow(/'locationId' is empty/);
  });
});
