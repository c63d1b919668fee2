import { messageKey, parseMessageKey } from './message-key';
import { Topics } from './generated';

describe('messageKey', () => {
  it('builds keys from value fields by the catalog format', () => {
    expect(messageKey(Topics.wmsInventoryPositions, { sku: 'WID-9', locationId: 'DC-EAST' })).toBe('WID-9@DC-EAST');
    expect(messageKey(Topics.channelOrders, { orderId: 'shopify-eu:1042' })).toBe('shopify-eu:1042');
    expect(messageKey(Topics.orderIngestDeadLetters, { sourceTopic: 'crossdock.orders.channel-order.v1', partition: 3, offset: 42 })).toBe(
      'crossdock.orders.channel-order.v1/3/42',
    );
  });

  it('percent-encodes separators and % inside parts of multi-part keys, and parses them back', () => {
    const key = messageKey(Topics.channelAvailability, { sku: 'A@B%C', channelAccountId: 'amazon-us' });
    expect(key).toBe('A%40B%25C@amazon-us');
    expect(parseMessageKey(Topics.channelAvailability, key)).toEqual({ sku: 'A@B%C', channelAccountId: 'amazon-us' });
  });

  it('leaves single-part keys byte for byte', () => {
    expect(messageKey(Topics.itemMaster, { sku: 'A@B%C' })).toBe('A@B%C');
    expect(parseMessageKey(Topics.itemMaster, 'A@B%C')).toEqual({ sku: 'A@B%C' });
  });

  it('accepts a whole value, taking only the key fields', () => {
    const value = { sku: 'WID-9', locationId: 'DC-EAST', onHand: 5 };
    expect(messageKey(Topics.erpInventoryPositions, value)).toBe('WID-9@DC-EAST');
  });

  it('rejects empty parts and keys that do not match the format, naming the topic', () => {
    expect(() => messageKey(Topics.erpInventoryPositions, { sku: '', locationId: 'DC' })).toThrow(/erpInventoryPositions.*'sku' is empty/);
    expect(() => parseMessageKey(Topics.erpInventoryPositions, 'no-separator')).toThrow(
      /does not match format \{sku\}@\{locationId\} of topic 'erpInventoryPositions'/,
    );
  });
});
