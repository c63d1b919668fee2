import type { Admin, Kafka, Producer } from 'kafkajs';
import { createTestNamespace, dropTestNamespace, stackEnv, waitFor } from '@crossdock/testing';
import { createKafka } from '../kafka-client.factory';
import { followCompactedTopics, readCompactedTopicsToEnd, type CompactedTopicSink } from './compacted-topic.reader';

const env = stackEnv();
const namespace = createTestNamespace('compacted-reader');
const topic = `${namespace}stock-table`;

describe('compacted topics read to their end, and followed', () => {
  let kafka: Kafka;
  let admin: Admin;
  let producer: Producer;
  const seen: Array<{ key: string | null; value: string | null; partition: number }> = [];
  const sink: CompactedTopicSink = {
    topic,
    onRecord: (key, value, _message, partition) => {
      seen.push({ key, value: value?.toString() ?? null, partition });
    },
  };

  async function write(records: Array<[string, string | null]>): Promise<void> {
    await producer.send({ topic, messages: records.map(([key, value]) => ({ key, value })) });
  }

  async function groupsOf(prefix: string): Promise<string[]> {
    return (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
  }

  beforeAll(async () => {
    kafka = createKafka('compacted-reader-test', env.kafkaBrokers);
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3, configEntries: [{ name: 'cleanup.policy', value: 'compact' }] }], waitForLeaders: true });
    producer = kafka.producer();
    await producer.connect();
    await write([
      ['A@DC-RENO', '10'],
      ['B@DC-RENO', '20'],
      ['C@DC-ATLANTA', '30'],
      ['A@DC-RENO', '11'],
    ]);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await dropTestNamespace(kafka, env.schemaRegistryUrl, namespace);
  });

  beforeEach(() => {
    seen.length = 0;
  });

  it('reads every partition to the marks taken at start, then stops and removes its group', async () => {
    const result = await readCompactedTopicsToEnd(kafka, [sink], `${namespace}reader`, 60_000);
    expect(result.records).toBe(4);
    expect(seen.filter((r) => r.key === 'A@DC-RENO').map((r) => r.value)).toEqual(['10', '11']);
    expect(await groupsOf(`${namespace}reader`)).toEqual([]);
  });

  it('keeps handing over what is written after the marks, from every partition, until stopped', async () => {
    const follower = await followCompactedTopics(kafka, [sink], `${namespace}follower`, 60_000);
    expect(follower.records).toBe(4);
    expect(await groupsOf(`${namespace}follower`)).toHaveLength(1);

    await write([
      ['B@DC-RENO', '21'],
      ['D@DC-RENO', '40'],
      ['E@DC-ATLANTA', '50'],
      ['C@DC-ATLANTA', null],
    ]);
    await waitFor(() => (seen.length === 8 ? true : undefined), { what: 'the four records written after the marks' });
    expect(seen.slice(4).sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''))).toEqual([
      expect.objectContaining({ key: 'B@DC-RENO', value: '21' }),
      { key: 'C@DC-ATLANTA', value: null, partition: expect.any(Number) },
      expect.objectContaining({ key: 'D@DC-RENO', value: '40' }),
      expect.objectContaining({ key: 'E@DC-ATLANTA', value: '50' }),
    ]);
    // The table's keys spread over every partition, whichever a service's own group would own.
    expect(new Set(seen.map((r) => r.partition)).size).toBeGreaterThan(1);

    await follower.stop();
    expect(await groupsOf(`${namespace}follower`)).toEqual([]);
  });
});
