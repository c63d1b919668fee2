import { Client } from 'pg';
import pino from 'pino';
import { createTestDatabase, type TestDatabase } from '@crossdock/testing';
import type { RawExecutor } from '../bulk/bulk-insert';
import { RetentionSweeper } from './retention.sweeper';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-27T06:00:00.000Z');

describe('RetentionSweeper on PostgreSQL', () => {
  let db: TestDatabase;
  let client: Client;
  let statements = 0;
  // The shape Prisma's $executeRawUnsafe has: positional parameters, affected row count back.
  const executor: RawExecutor = {
    $executeRawUnsafe: async (sql, ...values) => {
      statements++;
      return (await client.query(sql, values)).rowCount ?? 0;
    },
  };
  const sweeper = () =>
    new RetentionSweeper({
      db: executor,
      rules: [{ name: 'delivered parcels', table: 'Parcel', where: '"deliveredAt" IS NOT NULL', timestampColumn: 'deliveredAt', keepFor: 7 * DAY }],
      intervalMs: 60_000,
      batchSize: 2,
      logger: pino({ level: 'silent' }),
      now: () => NOW,
    });
  const remaining = async () => (await client.query<{ id: string }>('SELECT "id" FROM "Parcel" ORDER BY "id"')).rows.map((r) => r.id);

  beforeAll(async () => {
    db = await createTestDatabase('persistence-retention');
    client = new Client({ connectionString: db.url });
    await client.connect();
    // A waited-for lock fails the sweep instead of hanging the test.
    await client.query(`SET lock_timeout = '2s'`);
    // Stored times are UTC wall time whatever the session's zone: the cutoff must not shift with it.
    await client.query(`SET TIME ZONE 'Pacific/Auckland'`);
    // timestamp(3) holding UTC wall time, as Prisma stores a DateTime.
    await client.query(`CREATE TABLE "Parcel" ("id" text PRIMARY KEY, "deliveredAt" timestamp(3))`);
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('deletes old finished rows in batches and keeps recent and unfinished ones, to the millisecond of the cutoff', async () => {
    await client.query(`INSERT INTO "Parcel" VALUES
      ('old-1', '2026-11-01 00:00:00'), ('old-2', '2026-11-02 00:00:00'), ('old-3', '2026-11-03 00:00:00'),
      ('old-4', '2026-11-04 00:00:00'), ('old-5', '2026-11-20 05:59:59.999'),
      ('at-cutoff', '2026-11-20 06:00:00.000'), ('recent', '2026-11-26 00:00:00'), ('in-transit', NULL)`);

    expect(await sweeper().sweep()).toEqual({ deleted: { 'delivered parcels': 5 }, failed: [] });
    // 2 + 2 + 1: the short batch ends the sweep.
    expect(statements).toBe(3);
    expect(await remaining()).toEqual(['at-cutoff', 'in-transit', 'recent']);
  });

  it('skips a row another transaction holds instead of waiting for it, and takes it at the next sweep', async () => {
    await client.query(`INSERT INTO "Parcel" VALUES ('locked', '2026-10-01 00:00:00'), ('free', '2026-10-02 00:00:00')`);
    const other = new Client({ connectionString: db.url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`SELECT 1 FROM "Parcel" WHERE "id" = 'locked' FOR UPDATE`);

      expect(await sweeper().sweep()).toEqual({ deleted: { 'delivered parcels': 1 }, failed: [] });
      expect(await remaining()).toContain('locked');
      expect(await remaining()).not.toContain('free');

      await other.query('COMMIT');
      expect(await sweeper().sweep()).toEqual({ deleted: { 'delivered parcels': 1 }, failed: [] });
      expect(await remaining()).toEqual(['at-cutoff', 'in-transit', 'recent']);
    } finally {
      await other.end();
    }
  });
});
