import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import type { Kafka, KafkaMessage } from 'kafkajs';
import { extractTraceContext } from '@crossdock/observability';

export interface CompactedTopicSink {
  readonly topic: string;
  /** Called in offset order per partition; `value` is null for a tombstone. */
  readonly onRecord: (key: string | null, value: Buffer | null, message: KafkaMessage, partition: number) => Promise<void> | void;
}

export interface CompactedReadResult {
  readonly records: number;
  readonly partitions: number;
}

/** A table read to its high-water marks and still followed: records written since keep reaching the sinks. */
export interface CompactedTopicFollower extends CompactedReadResult {
  /** Stops following and deletes the throw-away group; safe to call more than once. */
  stop(): Promise<void>;
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
  const reading = await openCompactedTopics(kafka, sinks, groupPrefix, timeoutMs, false);
  return { records: reading.records, partitions: reading.partitions };
}

/**
 * Like `readCompactedTopicsToEnd`, but keeps reading every partition after the high-water marks:
 * each instance of a service keeps the whole table current, whichever partitions its service's
 * group gave it. Its group is the instance's alone and never commits, so a consumer restart
 * (a broker outage) reads the topics from the beginning again: the sinks must apply by version,
 * which tables do. Resolves once the marks are reached.
 */
export function followCompactedTopics(
  kafka: Kafka,
  sinks: readonly CompactedTopicSink[],
  groupPrefix: string,
  timeoutMs: number,
): Promise<CompactedTopicFollower> {
  return openCompactedTopics(kafka, sinks, groupPrefix, timeoutMs, true);
}

async function openCompactedTopics(
  kafka: Kafka,
  sinks: readonly CompactedTopicSink[],
  groupPrefix: string,
  timeoutMs: number,
  follow: boolean,
): Promise<CompactedTopicFollower> {
  const targets = await highWaterMarks(kafka, sinks);
  const partitions = targets.size;
  const stopped: CompactedTopicFollower = { records: 0, partitions, stop: () => Promise.resolve() };
  if (partitions === 0 && !follow) return stopped;

  const byTopic = new Map(sinks.map((sink) => [sink.topic, sink]));
  const groupId = `${groupPrefix}-${follow ? 'table' : 'rebuild'}-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytesPerPartition: 8 * 1024 * 1024, maxWaitTimeInMs: 100 });
  let records = 0;
  let caughtUp = false;
  let finish!: () => void;
  let fail!: (error: unknown) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = resolve;
    fail = reject;
  });
  if (partitions === 0) finish();
  let closing: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (closing ??= (async () => {
      await consumer.disconnect().catch(() => undefined);
      await deleteGroupQuietly(kafka, groupId);
    })());
  try {
    await consumer.connect();
    await consumer.subscribe({ topics: sinks.map((s) => s.topic), fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: async ({ batch }) => {
        const id = `${batch.topic}/${batch.partition}`;
        const target = targets.get(id);
        if (target === undefined && !follow) return;
        const sink = byTopic.get(batch.topic);
        try {
          for (const message of batch.messages) {
            if (!follow && target !== undefined && BigInt(message.offset) >= target) break;
            const key = message.key?.toString() ?? null;
            // Followed records run in the trace their producer sent, never in whatever span started the reader.
            if (follow) await context.with(extractTraceContext(message.headers ?? {}), () => sink?.onRecord(key, message.value, message, batch.partition));
            else await sink?.onRecord(key, message.value, message, batch.partition);
            if (!caughtUp) records++;
          }
        } catch (error) {
          if (!caughtUp) {
            fail(error);
            return;
          }
          // Following: kafkajs restarts the consumer, which reads the topics again (applied by version).
          throw error;
        }
        // Compaction leaves gaps, so "done" is the fetch position passing the mark, not a record at it.
        if (target !== undefined && BigInt(batch.lastOffset()) + 1n >= target) {
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
    caughtUp = true;
  } catch (error) {
    await stop();
    throw error;
  }
  if (!follow) await stop();
  return { records, partitions, stop };
}

/** The end of every non-empty partition now: what "read to the end" means for this reading. */
async function highWaterMarks(kafka: Kafka, sinks: readonly CompactedTopicSink[]): Promise<Map<string, bigint>> {
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
  return targets;
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
