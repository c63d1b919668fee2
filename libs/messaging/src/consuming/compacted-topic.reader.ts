import { randomUUID } from 'node:crypto';
import type { Kafka, KafkaMessage } from 'kafkajs';

export interface CompactedTopicSink {
  readonly topic: string;
  /** Called in offset order per partition; `value` is null for a tombstone. */
  readonly onRecord: (key: string | null, value: Buffer | null, message: KafkaMessage, partition: number) => Promise<void> | void;
}

export interface CompactedReadResult {
  readonly records: number;
  readonly partitions: number;
}

/**
 * Reads compacted topics from the beginning up to the high-water marks taken when it starts,
 * then stops: the snapshot a table-like consumer needs before it may answer. It joins a
 * throw-away consumer group (kafkajs has no manual assignment), never commits, and deletes the
 * group afterwards, so the service's own group and its committed offsets are left alone.
 */
export async function readCompactedTopicsToEnd(
  kafka: Kafka,
  sinks: readonly CompactedTopicSink[],
  groupPrefix: string,
  timeoutMs: number,
): Promise<CompactedReadResult> {
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
  const partitions = targets.size;
  if (partitions === 0) return { records: 0, partitions };

  const byTopic = new Map(sinks.map((sink) => [sink.topic, sink]));
  const groupId = `${groupPrefix}-rebuild-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytesPerPartition: 8 * 1024 * 1024, maxWaitTimeInMs: 100 });
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
        const sink = byTopic.get(batch.topic);
        try {
          for (const message of batch.messages) {
            if (BigInt(message.offset) >= target) break;
            await sink?.onRecord(message.key?.toString() ?? null, message.value, message, batch.partition);
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
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`compacted topics not read to their high-water marks within ${timeoutMs} ms (${targets.size} partitions left)`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return { records, partitions };
  } finally {
    await consumer.disconnect();
    await deleteGroupQuietly(kafka, groupId);
  }
}

async function deleteGroupQuietly(kafka: Kafka, groupId: string): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.deleteGroups([groupId]);
  } catch {
    // A leftover empty group expires with offsets.retention.minutes; not worth failing start-up.
  } finally {
    await admin.disconnect();
  }
}
