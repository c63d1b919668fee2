import { join } from 'node:path';
import { Topics, type ChannelOrder } from '@crossdock/contracts';
import { startErpSimulator, type ErpSimulator, type SimulatorBehaviour } from '@crossdock/erp/simulator';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';
import { DeadLetterReader } from '@crossdock/testing';
import { startService, type RunningService } from '@crossdock/service-kit';
import { OrderIngestApp } from '../order-ingest.app';
import { SCENARIO_AVAILABILITY, SCENARIO_ITEMS } from './order-scenarios';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');
export const REFERENCE_DATA_DIR = join(__dirname, '../../../../libs/order-ingest/domain/reference-data');

/**
 * One test file's world (ServiceTestWorld: namespace with the contracts applied, migrated
 * throw-away database, recorders) plus an ERP simulator (port 0), the item master and
 * availability published, a publisher standing in for channel-gateway, and the service started
 * the way main.ts starts it.
 */
export class OrderIngestHarness extends ServiceTestWorld {
  deadLetters!: DeadLetterReader;
  erp!: ErpSimulator;

  constructor(label: string) {
    super(label, { service: 'order-ingest', prismaSchema: SCHEMA_PATH });
  }

  override async setUp(behaviour: Partial<SimulatorBehaviour> = {}): Promise<void> {
    await super.setUp();
    this.deadLetters = new DeadLetterReader(this.kafka, this.serde, Topics.orderIngestDeadLetters, this.namespace);
    await this.deadLetters.start();
    this.erp = await startErpSimulator({ behaviour, filePollMs: 50 });
    await this.publish(Topics.itemMaster, SCENARIO_ITEMS);
    await this.publish(Topics.channelAvailability, SCENARIO_AVAILABILITY);
  }

  serviceEnv(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      ...this.platformEnv(process.env['ORDER_INGEST_TEST_LOG_LEVEL'] ?? 'fatal'),
      REFERENCE_DATA_DIR,
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: this.erp.baseUrl,
      ERP_SYSTEM: 'erp-sim',
      ERP_BACKOFF_INITIAL_MS: '200',
      ERP_BACKOFF_MAX_MS: '2000',
      ERP_DRAIN_POLL_MS: '200',
      OUTBOX_POLL_MS: '200',
      ...overrides,
    };
  }

  async startService(overrides: Record<string, string> = {}): Promise<{ service: RunningService; baseUrl: string }> {
    const service = await startService(OrderIngestApp, { env: this.serviceEnv(overrides), port: 0, handleSignals: false });
    return { service, baseUrl: baseUrlOf(service) };
  }

  async publishOrders(orders: readonly ChannelOrder[]): Promise<void> {
    await this.publish(Topics.channelOrders, orders);
  }

  override async tearDown(): Promise<void> {
    await this.deadLetters?.stop();
    await this.erp?.stop();
    await super.tearDown();
  }
}

export { http } from '@crossdock/service-testing';
