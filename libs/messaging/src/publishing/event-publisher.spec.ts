import type { Producer, ProducerRecord } from 'kafkajs';
import { Topics, type TopicValue } from '@crossdock/contracts';
import { runWithCorrelation } from '@crossdock/observability';
import { MessageHeader } from '../headers/message-headers';
import type { AvroSerde } from '../serde/avro-serde';
import { EventPublisher } from './event-publisher';

function publisherWithSentRecords(): { publisher: EventPublisher; sent: ProducerRecord[] } {
  const sent: ProducerRecord[] = [];
  const producer = { send: async (record: ProducerRecord) => (sent.push(record), []) } as unknown as Producer;
  const serde = { encoder: async () => (value: unknown) => Buffer.from(JSON.stringify(value)) } as unknown as AvroSerde;
  return { publisher: new EventPublisher(producer, serde, 'ns.', 'availability'), sent };
}

const headersOf = (record: ProducerRecord | undefined, index = 0) => record?.messages[index]?.headers ?? {};

describe('EventPublisher headers', () => {
  it('gives every event its own id, the producer and one occurred-at per batch', async () => {
    const { publisher, sent } = publisherWithSentRecords();
    const accepted = {} as TopicValue<typeof Topics.ordersAccepted>;
    await publisher.publishMany(Topics.ordersAccepted, [
      { key: 'o-1', value: accepted },
      { key: 'o-2', value: accepted, options: { correlationId: 'c-2', causationId: 'm-9', idempotencyKey: 'o-2:accepted' } },
    ]);
    const [first, second] = [headersOf(sent[0], 0), headersOf(sent[0], 1)];
    expect(sent[0]?.topic).toBe('ns.crossdock.orders.order-accepted.v1');
    expect(first).toMatchObject({ [MessageHeader.CorrelationId]: 'o-1', [MessageHeader.Producer]: 'availability' });
    expect(second).toMatchObject({
      [MessageHeader.CorrelationId]: 'c-2',
      [MessageHeader.CausationId]: 'm-9',
      [MessageHeader.IdempotencyKey]: 'o-2:accepted',
    });
    expect(first[MessageHeader.MessageId]).not.toEqual(second[MessageHeader.MessageId]);
    expect(first[MessageHeader.OccurredAt]).toEqual(second[MessageHeader.OccurredAt]);
    expect(Number.isNaN(Date.parse(String(first[MessageHeader.OccurredAt])))).toBe(false);
  });

  it('gives a compacted table record correlation and causation only: its key and version are its identity', async () => {
    const { publisher, sent } = publisherWithSentRecords();
    const figure = {} as TopicValue<typeof Topics.channelAvailability>;
    await runWithCorrelation({ correlationId: 'order-7', causationId: 'position-3' }, () =>
      publisher.publishMany(Topics.channelAvailability, [{ key: 'SKU-1@amazon-us', value: figure }]),
    );
    expect(headersOf(sent[0])).toEqual({ [MessageHeader.CorrelationId]: 'order-7', [MessageHeader.CausationId]: 'position-3' });
  });

  it('sends an event with the trace it was given instead of the current one', async () => {
    const { publisher, sent } = publisherWithSentRecords();
    const accepted = {} as TopicValue<typeof Topics.ordersAccepted>;
    const own = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await publisher.publishMany(Topics.ordersAccepted, [{ key: 'o-1', value: accepted, options: { traceparent: own } }]);
    expect(headersOf(sent[0])[MessageHeader.TraceParent]).toBe(own);
  });
});
