import { join } from 'node:path';
import { Topics } from '@crossdock/contracts';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';
import { DeadLetterReader } from '@crossdock/testing';
import { startService, type RunningService } from '@crossdock/service-kit';
import { AvailabilityApp } from '../availability.app';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

const TOPICS = [
  Topics.erpInventoryPositions,
  Topics.wmsInventoryPositions,
  Topics.itemMaster,
  Topics.ordersAccepted,
  Topics.orderCancellations,
  Topics.reservations,
  Topics.stockShortages,
  Topics.channelAvailability,
  Topics.availabilityDeadLetters,
];


/**
 * One test file's world (ServiceTestWorld: namespace with the contracts applied, migrated
 * throw-away database, a publisher standing in for the ERP/WMS connectors and order-ingest,
 * recorders) and the service itself started the way main.ts starts it.
 */
export class AvailabilityHarness extends ServiceTestWorld {
  deadLetters!: DeadLetterReader;

  constructor(label: string) {
    super(label, { service: 'availability', topics: TOPICS, prismaSchema: SCHEMA_PATH });
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

  override async tearDown(): Promise<void> {
    await this.deadLetters?.stop();
    await super.tearDown();
  }
}

export { http } from '@crossdock/service-testing';
export type { TopicRecorder } from '@crossdock/testing';
