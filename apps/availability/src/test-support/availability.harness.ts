import { join } from 'node:path';
import { topicName, Topics, type TopicDefinition } from '@crossdock/contracts';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';
import { DeadLetterReader, waitFor, type TopicRecorder } from '@crossdock/testing';
import { startService, type RunningService } from '@crossdock/service-kit';
import { AvailabilityApp } from '../availability.app';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

/**
 * One test file's world (ServiceTestWorld: namespace with the contracts applied, migrated
 * throw-away database, a publisher standing in for the ERP/WMS connectors and order-ingest,
 * recorders) and the service itself started the way main.ts starts it.
 */
export class AvailabilityHarness extends ServiceTestWorld {
  deadLetters!: DeadLetterReader;

  constructor(label: string) {
    super(label, { service: 'availability', prismaSchema: SCHEMA_PATH });
  }

  override async setUp(): Promise<void> {
    await super.setUp();
    this.deadLetters = new DeadLetterReader(this.kafka, this.serde, Topics.availabilityDeadLetters, this.namespace);
    await this.deadLetters.start();
  }

  serviceEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      // kafkajs logs every rebalance of a multi-instance test at error level; raise to debug here.
      ...this.platformEnv(process.env['AVAILABILITY_TEST_LOG_LEVEL'] ?? 'fatal'),
      CHANNEL_RULES_PATH: join(__dirname, '../../../../libs/availability/domain/reference-data/channel-rules.yaml'),
      ...overrides,
    };
  }

  async startService(overrides: Record<string, string> = {}): Promise<{ service: RunningService; baseUrl: string }> {
    const service = await startService(AvailabilityApp, { env: this.serviceEnv(overrides), port: 0, handleSignals: false });
    return { service, baseUrl: baseUrlOf(service) };
  }

  /**
   * Waits until the service's consumer group has committed every partition of `contract` up to
   * its end: every message published to it so far was handled (offsets are committed after).
   */
  async waitHandled(contract: TopicDefinition): Promise<void> {
    const topic = topicName(contract, this.namespace);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await waitFor(
        async () => {
          const ends = await admin.fetchTopicOffsets(topic);
          const [committed] = await admin.fetchOffsets({ groupId: `${this.namespace}availability`, topics: [topic] });
          const at = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
          return ends.every((end) => Number(end.high) === Number(end.low) || (at.get(end.partition) ?? -1) >= Number(end.high)) ? true : undefined;
        },
        { what: `availability to have handled everything on ${topic}` },
      );
    } finally {
      await admin.disconnect();
    }
  }

  /** Waits until `recorder` has received everything written to its topic so far, so a count of its records is final for now. */
  async waitRecordedToEnd<T>(recorder: TopicRecorder<T>, contract: TopicDefinition<T>): Promise<void> {
    const topic = topicName(contract, this.namespace);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const ends = await admin.fetchTopicOffsets(topic);
      await waitFor(
        () => {
          const seen = new Map<number, number>();
          for (const record of recorder.records) seen.set(record.partition, Math.max(seen.get(record.partition) ?? -1, Number(record.offset)));
          return ends.every((end) => Number(end.high) === Number(end.low) || (seen.get(end.partition) ?? -1) >= Number(end.high) - 1) ? true : undefined;
        },
        { what: `the recorder to reach the end of ${topic}` },
      );
    } finally {
      await admin.disconnect();
    }
  }

  override async tearDown(): Promise<void> {
    await this.deadLetters?.stop();
    await super.tearDown();
  }
}

export { http } from '@crossdock/service-testing';
export type { TopicRecorder } from '@crossdock/testing';
