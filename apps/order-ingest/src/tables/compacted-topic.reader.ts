import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

export interface CompactedTopicSink {
  readonly topic: string;
  /** Called in offset order per partition; `value` is null for a tombstone. */
  readonly onRecord: (key: string | null, value: Buffer | null) => Promise<void> | void;
}

/**
 * Reads compacted topics from the beginning up to the high-water marks taken when it starts, then
 * stops: the snapshot a table-like consumer needs before it may decide anything. It joins a
 * throw-away consumer group (kafkajs has no manual assignment), never commits, and deletes the group
 * afterwards, so the service's own group and its committed offsets are left alone.
 * (Same approach as the availability service's reader; a candidate for libs/messaging.)
 */
export async function readCompactedTopicsToEnd(kafka: Kafka, sinks: readonly CompactedTopicSink[], groupPrefix: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const targets = new Map<string, bigint>();
  try {
    for (const sink of sinks) {
      for (const p of await admin.fetchTopicOffsets(sink.topic)) {
        if (BigInt(p.high) > BigInt(p.low)) targets.set(`${sink.topic}/${p.partition}`, BigInt(p.high));
      }
    }
  } finally {
    await admin.disconnect();
  }
  if (targets.size === 0) return 0;

  const byTopic = new Map(sinks.map((sink) => [sink.topic, sink]));
  const groupId = `${groupPrefix}-rebuild-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
  let records = 0;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: sinks.map((s) => s.topic), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        const id = `${batch.topic}/${batch.partition}`;
        const target = targets.get(id);
        if (target === undefined) return;
        try {
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= target) break;
            await byTopic.get(batch.topic)?.onRecord(message.key?.toString() ?? null, message.value);
            records++;
          }
        } catch (error) {
          fail(error);
          return;
        }
        // Compaction leaves gaps, so "done" is the fetch position passing the mark, not a record at it.
        if (BigInt(batch.lastOffset()) + 1n >= target) {
          targets.delete(id);
          if (targets.size === 0) finish();
        }
      },
    });
    await done;
    return records;
  } finally {
    await consumer.disconnect();
    const cleanup = kafka.admin();
    try {
      await cleanup.connect();
      await cleanup.deleteGroups([groupId]);
    } catch {
      // A leftover empty group expires with offsets.retention.minutes; not worth failing start-up.
    } finally {
      await cleanup.disconnect();
    }
  }
}
