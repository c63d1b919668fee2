import type { KafkaMessage } from 'kafkajs';
import { Topics, type ItemMaster } from '@crossdock/contracts';
import { PoisonMessageError, TransientDependencyError } from '../errors/message-errors';
import { feedSink, type TableFeed } from './table-rebuild';

const message = (offset: string) => ({ offset }) as KafkaMessage;

function recordingFeed() {
  const applied: Array<[string | null, ItemMaster | null, number, string]> = [];
  const skipped: Array<[string | null, number, string]> = [];
  const feed: TableFeed<ItemMaster> = {
    topic: 'ns.item-master',
    contract: Topics.itemMaster,
    apply: (key, value, partition, offset) => applied.push([key, value, partition, offset]),
    undecodable: (key, partition, offset) => skipped.push([key, partition, offset]),
  };
  return { feed, applied, skipped };
}

describe('feedSink', () => {
  it('hands a tombstone to its feed as null, without decoding', async () => {
    const { feed, applied } = recordingFeed();
    const decode = jest.fn();
    await feedSink({ decode }, feed).onRecord('SKU-1', null, message('7'), 2);
    expect(applied).toEqual([['SKU-1', null, 2, '7']]);
    expect(decode).not.toHaveBeenCalled();
  });

  it('decodes a value with the topic contract', async () => {
    const { feed, applied } = recordingFeed();
    const item = { sku: 'SKU-1', version: 3 } as ItemMaster;
    const decode = jest.fn().mockResolvedValue({ value: item, schemaId: 1 });
    await feedSink({ decode }, feed).onRecord('SKU-1', Buffer.from([0]), message('8'), 0);
    expect(decode).toHaveBeenCalledWith(Topics.itemMaster, Buffer.from([0]));
    expect(applied).toEqual([['SKU-1', item, 0, '8']]);
  });

  it('skips a value that does not decode, telling the feed', async () => {
    const { feed, applied, skipped } = recordingFeed();
    const decode = jest.fn().mockRejectedValue(new PoisonMessageError('UNKNOWN_SCHEMA_ID', 'schema 99 is unknown'));
    await feedSink({ decode }, feed).onRecord('SKU-1', Buffer.from([0]), message('9'), 1);
    expect(applied).toEqual([]);
    expect(skipped).toEqual([['SKU-1', 1, '9']]);
  });

  it('fails the rebuild when decoding fails for any other reason, such as the registry being down', async () => {
    const { feed, applied, skipped } = recordingFeed();
    const decode = jest.fn().mockRejectedValue(new TransientDependencyError('schema-registry', 'connection refused'));
    await expect(feedSink({ decode }, feed).onRecord('SKU-1', Buffer.from([0]), message('9'), 1)).rejects.toBeInstanceOf(TransientDependencyError);
    expect(applied).toEqual([]);
    expect(skipped).toEqual([]);
  });
});
