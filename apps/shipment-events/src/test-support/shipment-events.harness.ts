import { join } from 'node:path';
import { Client } from 'pg';
import { Topics, type ChannelShipmentUpdate, type OrderFulfilment, type ShipmentMilestone, type WarehouseRelease } from '@crossdock/contracts';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';
import { startService, type RunningService } from '@crossdock/service-kit';
import { DeadLetterReader, type TableTopicRecorder, type TopicRecorder } from '@crossdock/testing';
import { ShipmentEventsApp } from '../shipment-events.app';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

/**
 * One test file's world (its own topic namespace and migrated throw-away database), recorders on
 * every topic the service writes and on its dead-letter topic, and the service started as main.ts
 * starts it. The input facts are published by the test, as their owners would.
 */
export class ShipmentEventsHarness extends ServiceTestWorld {
  deadLetters!: DeadLetterReader;
  releases!: TopicRecorder<WarehouseRelease>;
  milestones!: TopicRecorder<ShipmentMilestone>;
  fulfilment!: TableTopicRecorder<OrderFulfilment>;
  channelUpdates!: TopicRecorder<ChannelShipmentUpdate>;
  db!: Client;

  constructor(label: string) {
    super(label, { service: 'shipment-events', prismaSchema: SCHEMA_PATH });
  }

  override async setUp(): Promise<void> {
    await super.setUp();
    this.deadLetters = new DeadLetterReader(this.kafka, this.serde, Topics.shipmentEventsDeadLetters, this.namespace);
    await this.deadLetters.start();
    this.releases = await this.record(Topics.warehouseReleases);
    this.milestones = await this.record(Topics.shipmentMilestones);
    this.fulfilment = await this.recordTable(Topics.orderFulfilment);
    this.channelUpdates = await this.record(Topics.channelShipmentUpdates);
    this.db = new Client({ connectionString: this.database.url });
    await this.db.connect();
  }

  async startService(overrides: Record<string, string> = {}): Promise<{ service: RunningService; baseUrl: string }> {
    const env = { ...this.platformEnv(process.env['SHIPMENT_EVENTS_TEST_LOG_LEVEL'] ?? 'fatal'), OUTBOX_POLL_MS: '100', ...overrides };
    const service = await startService(ShipmentEventsApp, { env, port: 0, handleSignals: false });
    return { service, baseUrl: baseUrlOf(service) };
  }

  /** The newest fulfilment record of an order, as a reader of the compacted topic holds it. */
  latestFulfilment(orderId: string): OrderFulfilment | undefined {
    return this.fulfilment.table().get(orderId);
  }

  override async tearDown(): Promise<void> {
    await this.db?.end();
    await this.deadLetters?.stop();
    await super.tearDown();
  }
}
