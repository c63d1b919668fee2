import { join } from 'node:path';
import pino from 'pino';
import { loadConfig } from '@crossdock/config';
import { pgClientOptions, RetentionSweeper } from '@crossdock/persistence';
import { createMigratedTestDatabase, type MigratedTestDatabase } from '@crossdock/service-testing';
import { availabilityConfigSchema } from '../config/availability-config.schema';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import { availabilityRetentionRules } from './availability-retention.rules';

const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');
const DAY = 86_400_000;
const HOUR = 3_600_000;

describe('availability retention on its migrated database', () => {
  let db: MigratedTestDatabase<PrismaClient>;

  beforeAll(async () => {
    db = await createMigratedTestDatabase('availability_retention', SCHEMA_PATH, (url) => new PrismaClient(pgClientOptions(url)));
  });

  afterAll(() => db?.drop());

  const ago = (ms: number) => new Date(Date.now() - ms);

  function outboxEvent(eventId: string, createdAt: Date, publishedAt: Date | null): Prisma.EventOutboxCreateManyInput {
    return { topic: 'reservations', messageKey: `ORDER:1:1:DC-RENO-${eventId}`, eventId, payload: { eventId }, createdAt, publishedAt };
  }

  it('deletes reservation events published longer ago than the default keep period, keeping recent and unpublished ones', async () => {
    await db.client.eventOutbox.createMany({
      data: [
        outboxEvent('published-9d', ago(9 * DAY), ago(9 * DAY)),
        outboxEvent('published-8d', ago(9 * DAY), ago(8 * DAY)),
        // Written long ago, published recently (Kafka was away): kept from its publication.
        outboxEvent('published-6d', ago(20 * DAY), ago(6 * DAY)),
        outboxEvent('published-1h', ago(2 * HOUR), ago(HOUR)),
        // Never published: still owed to the topic, however old.
        outboxEvent('unpublished-30d', ago(30 * DAY), null),
      ],
    });
    const config = loadConfig(availabilityConfigSchema, { SERVICE_NAME: 'availability', DATABASE_URL: db.url });
    const sweeper = new RetentionSweeper({
      db: db.client,
      rules: availabilityRetentionRules(config),
      intervalMs: config.RETENTION_SWEEP_INTERVAL_MS,
      logger: pino({ level: 'silent' }),
    });

    expect(await sweeper.sweep()).toEqual({ deleted: { 'published reservation events': 2 }, failed: [] });
    const kept = await db.client.eventOutbox.findMany({ orderBy: { eventId: 'asc' }, select: { eventId: true } });
    expect(kept.map((e) => e.eventId)).toEqual(['published-1h', 'published-6d', 'unpublished-30d']);
    expect(await sweeper.sweep()).toEqual({ deleted: { 'published reservation events': 0 }, failed: [] });
  });
});
