import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '@crossdock/config';
import { pgClientOptions, RetentionSweeper } from '@crossdock/persistence';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crossdock/service-testing';
import { orderIngestSettingsSchema } from '../config/order-ingest-config.schema';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { orderIngestRetentionRules } from './order-ingest-retention.rules';

const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');
const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('order-ingest retention on its migrated database', () => {
  let db: MigratedTestDatabase<PrismaClient>;

  beforeAll(async () => {
    db = await createMigratedTestDatabase('order_ingest_retention', SCHEMA_PATH, (url) => new PrismaClient(pgClientOptions(url)));
  });

  afterAll(() => db?.drop());

  const ago = (ms: number) => new Date(Date.now() - ms);

  function outboxEvent(eventId: string, createdAt: Date, publishedAt: Date | null): Prisma.EventOutboxCreateManyInput {
    return { topic: 'ordersAccepted', messageKey: `order-${eventId}`, eventId, payload: { eventId }, createdAt, publishedAt };
  }

  function erpCall(
    orderId: string,
    status: string,
    enqueuedAt: Date,
    completedAt: Date | null,
    lastAttemptAt: Date | null = null,
  ): Prisma.ErpQueueEntryCreateManyInput {
    return { orderId, sequence: 1, kind: 'SUBMIT', payload: { orderId }, status, attempts: lastAttemptAt ? 3 : 0, enqueuedAt, completedAt, lastAttemptAt };
  }

  it('deletes old published events and old finished ERP calls with the default keep periods, keeping recent, unpublished and pending ones', async () => {
    await db.client.eventOutbox.createMany({
      data: [
        outboxEvent('published-10d', ago(10 * DAY), ago(10 * DAY)),
        outboxEvent('published-9d', ago(10 * DAY), ago(9 * DAY)),
        outboxEvent('published-8d', ago(9 * DAY), ago(8 * DAY)),
        outboxEvent('published-6d', ago(6 * DAY), ago(6 * DAY)),
        outboxEvent('published-1h', ago(2 * HOUR), ago(HOUR)),
        // Written long ago and never published (Kafka down for weeks): still owed to the topic.
        outboxEvent('unpublished-30d', ago(30 * DAY), null),
      ],
    });
    await db.client.erpQueueEntry.createMany({
      data: [
        erpCall('done-40d', 'DONE', ago(41 * DAY), ago(40 * DAY)),
        erpCall('parked-31d', 'PARKED', ago(32 * DAY), ago(31 * DAY)),
        // Waited out a long ERP outage: enqueued long ago, finished recently, so still kept.
        erpCall('done-29d', 'DONE', ago(60 * DAY), ago(29 * DAY)),
        erpCall('pending-60d', 'PENDING', ago(60 * DAY), null),
        erpCall('in-flight-45d', 'PENDING', ago(45 * DAY), null, ago(1_000)),
      ],
    });
    const config = loadConfig(orderIngestSettingsSchema, { SERVICE_NAME: 'order-ingest', DATABASE_URL: db.url });
    const sweeper = new RetentionSweeper({
      db: db.client,
      rules: orderIngestRetentionRules(config),
      intervalMs: config.RETENTION_SWEEP_INTERVAL_MS,
      // Small batches, so the three old events take two statements on the real database.
      batchSize: 2,
      logger: pino({ level: 'silent' }),
    });

    expect(await sweeper.sweep()).toEqual({ deleted: { 'published outcome events': 3, 'finished ERP calls': 2 }, failed: [] });

    const events = await db.client.eventOutbox.findMany({ orderBy: { eventId: 'asc' }, select: { eventId: true } });
    expect(events.map((e) => e.eventId)).toEqual(['published-1h', 'published-6d', 'unpublished-30d']);
    const calls = await db.client.erpQueueEntry.findMany({ orderBy: { orderId: 'asc' }, select: { orderId: true, status: true } });
    expect(calls).toEqual([
      { orderId: 'done-29d', status: 'DONE' },
      { orderId: 'in-flight-45d', status: 'PENDING' },
      { orderId: 'pending-60d', status: 'PENDING' },
    ]);

    expect(await sweeper.sweep()).toEqual({ deleted: { 'published outcome events': 0, 'finished ERP calls': 0 }, failed: [] });
  });
});
