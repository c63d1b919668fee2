import type { Kafka } from 'kafkajs';
import type { TopicDefinition } from '@crossdock/contracts';
import {
  followCompactedTopics,
  readCompactedTopicsToEnd,
  type CompactedReadResult,
  type CompactedTopicFollower,
  type CompactedTopicSink,
} from '../consuming/compacted-topic.reader';
import { PoisonMessageError } from '../errors/message-errors';
import type { AvroSerde } from '../serde/avro-serde';

/**
 * One compacted topic feeding a table (a CompactedTable, or a specialised store) during a rebuild.
 * Method signatures, so feeds of different record types fit in one list.
 */
export interface TableFeed<V> {
  /** The topic's name in this namespace. */
  readonly topic: string;
  /** Its contract: values are decoded with it. */
  readonly contract: TopicDefinition<V>;
  /** One record, in offset order per partition: `value` null is a tombstone, `key` null a record without key. */
  apply(key: string | null, value: V | null, partition: number, offset: string): void;
  /**
   * A value its contract cannot decode. It is skipped: the live consumer dead-letters it when it
   * first meets it, and a rebuild must not dead-letter the same record again on every start.
   */
  undecodable?(key: string | null, partition: number, offset: string): void;
}

export interface TableRebuildOptions {
  readonly kafka: Kafka;
  readonly serde: Pick<AvroSerde, 'decode'>;
  /** Feeds of any record types, read together in one throw-away group. */
  readonly feeds: readonly TableFeed<unknown>[];
  /** Prefix of the throw-away consumer group: the service's own group id. */
  readonly groupPrefix: string;
  readonly timeoutMs: number;
}

/**
 * Reads the feeds' compacted topics from the beginning to the high-water marks taken when it
 * starts (`readCompactedTopicsToEnd`), decoding each record and handing it to its feed. The
 * caller marks its tables ready afterwards, once whatever else it loads is in place.
 */
export function rebuildTables(options: TableRebuildOptions): Promise<CompactedReadResult> {
  return readCompactedTopicsToEnd(options.kafka, sinksOf(options), options.groupPrefix, options.timeoutMs);
}

/**
 * Reads the feeds' topics like `rebuildTables`, then keeps following them (`followCompactedTopics`):
 * records written after the high-water marks reach the same feeds until `stop()`.
 */
export function followTables(options: TableRebuildOptions): Promise<CompactedTopicFollower> {
  return followCompactedTopics(options.kafka, sinksOf(options), options.groupPrefix, options.timeoutMs);
}

function sinksOf(options: TableRebuildOptions): CompactedTopicSink[] {
  return options.feeds.map((feed) => feedSink(options.serde, feed));
}

/** The reader's sink for one feed: tombstones as null, values decoded, undecodable ones skipped. */
export function feedSink<V>(serde: Pick<AvroSerde, 'decode'>, feed: TableFeed<V>): CompactedTopicSink {
  return {
    topic: feed.topic,
    onRecord: async (key, value, message, partition) => {
      if (value === null) {
        feed.apply(key, null, partition, message.offset);
        return;
      }
      let decoded: V;
      try {
        decoded = (await serde.decode(feed.contract, value)).value;
      } catch (error) {
        // Anything else (the registry unreachable) fails the rebuild, which is retried.
        if (!(error instanceof PoisonMessageError)) throw error;
        feed.undecodable?.(key, partition, message.offset);
        return;
      }
      feed.apply(key, decoded, partition, message.offset);
    },
  };
}
