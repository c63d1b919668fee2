import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import { KeyHashPartitioner } from './partitioning/key-hash.partitioner';

export interface KafkaLogSink {
  error(object: object, message: string): void;
  warn(object: object, message: string): void;
  info(object: object, message: string): void;
  debug(object: object, message: string): void;
}

/** kafkajs with its logs routed into the service's structured logger instead of stdout text. */
export function createKafka(clientId: string, brokers: readonly string[], log?: KafkaLogSink): Kafka {
  return new Kafka({
    clientId,
    brokers: [...brokers],
    connectionTimeout: 5_000,
    retry: { initialRetryTime: 300, retries: 8 },
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      if (!log) return;
      const { message, ...fields } = entry.log;
      const context = { kafka: { namespace: entry.namespace, ...fields } };
      if (entry.level === logLevel.ERROR) log.error(context, message);
      else if (entry.level === logLevel.WARN) log.warn(context, message);
      else if (entry.level === logLevel.INFO) log.info(context, message);
      else log.debug(context, message);
    },
  });
}

/**
 * Idempotent: a retried send after a lost ack is de-duplicated by the broker, never written twice.
 * Retries are unbounded, as idempotence requires: while Kafka is away a publish waits (and so does
 * the partition whose handler is publishing) instead of failing and losing its place.
 * The partitioner is the Java client's murmur2 (kafkajs' DefaultPartitioner, computed cheaply), so
 * a key lands on the same partition whichever language published it.
 */
export function createIdempotentProducer(kafka: Kafka) {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: KeyHashPartitioner,
    retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 300, maxRetryTime: 30_000 },
  });
}
