import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import pino from 'pino';
import { Topics, type OrderAccepted } from '@crossdock/contracts';
import { applyContracts, AvroSerde, createKafka, createSchemaRegistry, EventPublisher, KeyHashPartitioner } from '@crossdock/messaging';
import { applyMigrations, createMigration, SqlPool, sql } from '@crossdock/persistence';
import {
  createTestDatabase,
  createTestNamespace,
  dropTestNamespace,
  sampleOrderAccepted,
  sampleOrderCancelled,
  stackEnv,
  type TestDatabase,
  TopicRecorder,
  waitFor,
} from '@crossdock/testing';
import { receivedMessageIds, receiveOnce, recordReceipts } from './inbox/receipt.inbox';
import { Leadership } from './leader/leader.session';
import { OutboxRelay } from './outbox/outbox.relay';
import { outboxRow, writeOutboxEvents } from './outbox/outbox.writer';
import { PublishedEventsFollower, type PublishedEvent } from './outbox/published-events.follower';

const FRAGMENT = join(__dirname, '../prisma/outbox.prisma');
const env = stackEnv();

/** A service database that holds the outbox's tables through the fragment, migrated for real. */
async function serviceDatabase(dir: string): Promise<TestDatabase> {
  const schemaPath = join(dir, 'schema.prisma');
  await writeFile(
    schemaPath,
    `generator client {\n  provider        = "prisma-client"\n  output          = "./generated"\n  previewFeatures = ["partialIndexes"]\n}\n\ndatasource db {\n  provider = "postgresql"\n}\n\n// include ${relative(dir, FRAGMENT)}\n`,
  );
  expect(await createMigration(schemaPath, 'init', env.postgresAdminUrl)).toMatch(/_init$/);
  const db = await createTestDatabase('outbox');
  await applyMigrations(schemaPath, db.url);
  return db;
}

describe('@crossdock/outbox on PostgreSQL and Kafka', () => {
  let dir: string;
  let db: TestDatabase;
  let pool: Pool;
  let other: Pool;
  let sqlPool: SqlPool;
  let otherSql: SqlPool;
  const accepted = (orderId: string, sequence: number): OrderAccepted =>
    sampleOrderAccepted({ orderId, eventId: `accepted:${orderId}:${sequence}`, outcomeSequence: sequence });
  const row = (event: OrderAccepted) => outboxRow(Topics.ordersAccepted, event, { eventId: event.eventId, causationId: event.causationId });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crossdock-outbox-'));
    db = await serviceDatabase(dir);
    pool = new Pool({ connectionString: db.url });
    other = new Pool({ connectionString: db.url });
    sqlPool = new SqlPool(pool);
    otherSql = new SqlPool(other);
  });

  afterAll(async () => {
    await pool?.end();
    await other?.end();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes events with the business change: a rolled-back transaction leaves none behind', async () => {
    await expect(
      sqlPool.transaction(async (tx) => {
        await writeOutboxEvents(tx, [row(accepted('O-rolled-back', 1))]);
        throw new Error('the business change failed');
      }),
    ).rejects.toThrow('the business change failed');
    await sqlPool.transaction((tx) => writeOutboxEvents(tx, [row(accepted('O-committed', 1))]));
    const stored = await sqlPool.query<{ messageKey: string; topic: string; publishedAt: Date | null }>(
      sql`SELECT "messageKey", "topic", "publishedAt" FROM "EventOutbox"`,
    );
    expect(stored).toEqual([{ messageKey: 'O-committed', topic: 'ordersAccepted', publishedAt: null }]);
    await sqlPool.query(sql`DELETE FROM "EventOutbox"`);
  });

  it('records a message once: a redelivery is a duplicate, and a receipt recorded twice fails its transaction', async () => {
    const receipt = { messageId: 'msg-1', subject: 'O-1', dedupKey: 'O-1#CREATED', outcome: 'EVALUATE', duplicate: false };
    expect(await sqlPool.transaction((tx) => receiveOnce(tx, receipt))).toBe(true);
    expect(await sqlPool.transaction((tx) => receiveOnce(tx, receipt))).toBe(false);
    await recordReceipts(sqlPool, [{ ...receipt, messageId: 'msg-2' }]);
    expect(await receivedMessageIds(sqlPool, ['msg-1', 'msg-2', 'msg-3'])).toEqual(new Set(['msg-1', 'msg-2']));
    await expect(sqlPool.transaction((tx) => recordReceipts(tx, [{ ...receipt, messageId: 'msg-3' }, receipt]))).rejects.toMatchObject({ code: '23505' });
    expect(await receivedMessageIds(sqlPool, ['msg-3'])).toEqual(new Set());
  });

  it("gives a role to one instance at a time, and to the next one as soon as the leader's connection ends", async () => {
    const first = new Leadership(sqlPool, 4_343_001);
    const second = new Leadership(otherSql, 4_343_001);
    const session = await first.lead();
    expect(session).not.toBeNull();
    expect(await second.lead()).toBeNull();

    const [{ pid } = { pid: 0 }] = (await session?.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)) ?? [];
    await otherSql.query(sql`SELECT pg_terminate_backend(${pid}::int)`);
    await waitFor(async () => ((await second.lead()) ? true : undefined), { what: 'the second instance to take over', timeoutMs: 10_000 });
    expect(await first.lead()).toBeNull();
    second.resign();
  });

  it('follows the published rows after those present at its start: its topics, the payload fields it names, timestamps as written', async () => {
    // Leaves the table empty for the relay's test, whatever happens here.
    try {
      await sqlPool.transaction((tx) => writeOutboxEvents(tx, [row(accepted('O-before', 1))]));
      type Fields = { orderId: string | null; outcomeSequence: number | null; missing: null };
      const observed: Array<PublishedEvent<Fields>> = [];
      const follower = new PublishedEventsFollower<Fields>({
        db: sqlPool,
        relay: { leading: true },
        topics: ['ordersAccepted'],
        payloadFields: ['orderId', 'outcomeSequence', 'missing'],
        everyMs: 50,
        logger: pino({ level: 'silent' }),
        observe: (event) => observed.push(event),
      });
      expect(await follower.followOnce()).toBe(0);
      const cancelled = sampleOrderCancelled({ orderId: 'O-3' });
      await sqlPool.transaction((tx) =>
        writeOutboxEvents(tx, [
          row(accepted('O-1', 1)),
          row(accepted('O-2', 2)),
          outboxRow(Topics.orderCancellations, cancelled, { eventId: cancelled.eventId }),
        ]),
      );
      const publishedAt = new Date('2026-12-07T10:00:03.500Z');
      await sqlPool.query(sql`UPDATE "EventOutbox" SET "publishedAt" = ${publishedAt.toISOString()}::timestamp WHERE "publishedAt" IS NULL`);
      expect(await follower.followOnce()).toBe(2);
      expect(await follower.followOnce()).toBe(0);

      const written = await sqlPool.query<{ id: bigint; createdAt: Date }>(
        sql`SELECT "id", "createdAt" FROM "EventOutbox" WHERE "messageKey" IN ('O-1', 'O-2') ORDER BY "id"`,
      );
      expect(observed).toEqual(
        written.map(({ id, createdAt }, i) => ({
          id,
          topic: 'ordersAccepted',
          createdAt,
          publishedAt,
          payload: { orderId: `O-${i + 1}`, outcomeSequence: i + 1, missing: null },
        })),
      );
      // Written a moment ago, read as the instant it was (a stored UTC wall time, not the process' zone).
      for (const { createdAt } of written) expect(Math.abs(createdAt.getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      await sqlPool.query(sql`DELETE FROM "EventOutbox"`);
    }
  });

  describe('the relay', () => {
    const namespace = createTestNamespace('outbox');
    let kafka: Kafka;
    let producer: Producer;
    let recorder: TopicRecorder<OrderAccepted>;
    const relays: OutboxRelay[] = [];

    beforeAll(async () => {
      kafka = createKafka('outbox-int-test', env.kafkaBrokers);
      const registry = createSchemaRegistry(env.schemaRegistryUrl);
      await applyContracts({ kafka, registry, namespace, topics: [Topics.ordersAccepted], log: { info: () => undefined, warn: () => undefined } });
      producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: KeyHashPartitioner });
      await producer.connect();
      const serde = new AvroSerde(registry, namespace);
      const publisher = new EventPublisher(producer, serde, namespace, 'outbox-int-test');
      recorder = new TopicRecorder(kafka, serde, Topics.ordersAccepted, namespace);
      await recorder.start();
      // Two instances of a service, each with its own pool and relay.
      for (const db of [sqlPool, otherSql]) {
        relays.push(
          new OutboxRelay({ db, publisher, catalog: { ordersAccepted: Topics.ordersAccepted }, pollMs: 50, batchSize: 4, logger: pino({ level: 'silent' }) }),
        );
      }
    });

    afterAll(async () => {
      for (const relay of relays) await relay.beforeApplicationShutdown();
      await recorder?.stop();
      await producer?.disconnect();
      await dropTestNamespace(kafka, env.schemaRegistryUrl, namespace);
    });

    it('publishes every committed event once, in order per key, from one leading instance, and marks them published', async () => {
      for (const relay of relays) relay.onApplicationBootstrap();
      const events = [1, 2, 3].flatMap((sequence) => ['O-a', 'O-b', 'O-c'].map((orderId) => accepted(orderId, sequence)));
      // Committed in three transactions while the relays run; more than a batch in all.
      for (const sequence of [1, 2, 3]) {
        await sqlPool.transaction((tx) => writeOutboxEvents(tx, events.filter((e) => e.outcomeSequence === sequence).map(row)));
      }
      relays.forEach((relay) => relay.wake());

      await waitFor(() => (recorder.records.length >= events.length ? true : undefined), { what: 'every event on Kafka', timeoutMs: 30_000 });
      await waitFor(
        async () => {
          const [{ unpublished } = { unpublished: -1 }] = await sqlPool.query<{ unpublished: number }>(
            sql`SELECT count(*)::int AS unpublished FROM "EventOutbox" WHERE "publishedAt" IS NULL`,
          );
          return unpublished === 0 ? true : undefined;
        },
        { what: 'every event marked published' },
      );
      expect(relays.filter((relay) => relay.leading)).toHaveLength(1);
      expect(recorder.records.map((r) => r.value.eventId).sort()).toEqual(events.map((e) => e.eventId).sort());
      for (const orderId of ['O-a', 'O-b', 'O-c']) {
        const ofKey = recorder.records.filter((r) => r.key === orderId);
        expect(ofKey.map((r) => r.value.outcomeSequence)).toEqual([1, 2, 3]);
        expect(new Set(ofKey.map((r) => r.partition)).size).toBe(1);
        expect(ofKey.map((r) => r.headers['crossdock-idempotency-key'])).toEqual(ofKey.map((r) => r.value.eventId));
      }
    });
  });
});
