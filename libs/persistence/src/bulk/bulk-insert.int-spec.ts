import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@crossdock/testing';
import { bulkInsert, bulkInsertAll, bulkInsertStatement, type RawExecutor } from './bulk-insert';

describe('bulkInsert on PostgreSQL', () => {
  let db: TestDatabase;
  let client: Client;
  // The shape Prisma's $executeRawUnsafe has: positional parameters, affected row count back.
  const executor: RawExecutor = { $executeRawUnsafe: async (sql, ...values) => (await client.query(sql, values)).rowCount ?? 0 };

  beforeAll(async () => {
    db = await createTestDatabase('persistence-bulk');
    client = new Client({ connectionString: db.url });
    await client.connect();
    await client.query(`CREATE TABLE "Sample" (
      "id" text PRIMARY KEY, "quantity" integer NOT NULL, "occurredAt" bigint NOT NULL, "open" boolean NOT NULL,
      "doc" jsonb, "codes" text[] NOT NULL, "at" timestamp(3) NOT NULL, "note" text)`);
  });

  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('writes every row with every type intact, quotes and all, in one statement', async () => {
    const at = new Date('2026-11-27T05:40:00.123Z');
    const rows = Array.from({ length: 500 }, (_, i) => ({
      id: `O-${i}`,
      quantity: i,
      occurredAt: BigInt(1_764_201_600_000 + i),
      open: i % 2 === 0,
      doc: { lines: [{ sku: `SKU-${i}`, note: `it's "quoted" \\ ${i}` }] },
      codes: i % 3 === 0 ? [] : ['ITEM_UNMAPPED', `C${i}`],
      at,
      note: i === 7 ? null : `n${i}`,
    }));
    const columns = {
      id: 'text',
      quantity: 'int',
      occurredAt: 'bigint',
      open: 'boolean',
      doc: 'jsonb',
      codes: 'text[]',
      at: 'timestamp',
      note: 'text',
    } as const;
    expect(await bulkInsert(executor, 'Sample', columns, rows)).toBe(500);

    const stored = await client.query(`SELECT *, to_char("at", 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS wall FROM "Sample" ORDER BY "quantity"`);
    expect(stored.rows).toHaveLength(500);
    const row7 = stored.rows[7];
    expect(row7).toMatchObject({ id: 'O-7', quantity: 7, occurredAt: '1764201600007', open: false, note: null, codes: ['ITEM_UNMAPPED', 'C7'] });
    expect(row7.doc).toEqual(rows[7]?.doc);
    expect(stored.rows[3].codes).toEqual([]);
    // UTC wall time, as Prisma writes a DateTime.
    expect(row7.wall).toBe('2026-11-27T05:40:00.123');
  });

  it('does nothing for no rows', async () => {
    expect(await bulkInsert(executor, 'Sample', { id: 'text' }, [])).toBe(0);
    expect(await bulkInsertAll(executor, [{ table: 'Sample', columns: { id: 'text' }, rows: [] }])).toBe(0);
  });

  it('writes several tables in one statement, leaving out the empty ones, and all or nothing', async () => {
    await client.query(`CREATE TABLE "Receipt" ("eventId" text PRIMARY KEY, "sampleId" text NOT NULL)`);
    await client.query(`CREATE TABLE "Unused" ("id" text PRIMARY KEY)`);
    const at = new Date();
    const sample = (id: string) => ({ id, quantity: 1, occurredAt: 1, open: true, doc: null, codes: [], at, note: null });
    const columns = {
      id: 'text',
      quantity: 'int',
      occurredAt: 'bigint',
      open: 'boolean',
      doc: 'jsonb',
      codes: 'text[]',
      at: 'timestamp',
      note: 'text',
    } as const;
    const statements: string[] = [];
    const counting: RawExecutor = { $executeRawUnsafe: (sql, ...values) => (statements.push(sql), executor.$executeRawUnsafe(sql, ...values)) };

    const inserted = await bulkInsertAll(counting, [
      { table: 'Sample', columns, rows: [sample('M-1'), sample('M-2')] },
      { table: 'Unused', columns: { id: 'text' }, rows: [] },
      {
        table: 'Receipt',
        columns: { eventId: 'text', sampleId: 'text' },
        rows: [
          { eventId: 'E-1', sampleId: 'M-1' },
          { eventId: 'E-2', sampleId: 'M-2' },
          { eventId: 'E-3', sampleId: 'M-2' },
        ],
      },
    ]);
    expect(inserted).toBe(3);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toContain('"Unused"');
    expect((await client.query(`SELECT "id" FROM "Sample" WHERE "id" LIKE 'M-%' ORDER BY "id"`)).rows.map((r) => r.id)).toEqual(['M-1', 'M-2']);
    expect((await client.query(`SELECT count(*)::int AS n FROM "Receipt"`)).rows[0].n).toBe(3);

    // A conflict in the last table undoes the earlier ones too.
    const failed = bulkInsertAll(executor, [
      { table: 'Sample', columns, rows: [sample('M-3')] },
      { table: 'Receipt', columns: { eventId: 'text', sampleId: 'text' }, rows: [{ eventId: 'E-1', sampleId: 'M-3' }] },
    ]);
    await expect(failed).rejects.toMatchObject({ code: '23505' });
    expect((await client.query(`SELECT 1 FROM "Sample" WHERE "id" = 'M-3'`)).rows).toHaveLength(0);
  });

  it('embeds an insert in a larger statement, keeping only the rows its condition lets through', async () => {
    await client.query(`CREATE TABLE "Gate" ("id" bigint PRIMARY KEY, "open" boolean NOT NULL)`);
    await client.query(`INSERT INTO "Gate" VALUES (1, true), (2, false), (3, true)`);
    const insert = bulkInsertStatement(
      { table: 'Unused', columns: { id: 'text' }, rows: [1, 2, 3, 4].map((gate) => ({ id: `via-${gate}`, gate: BigInt(gate) })) },
      1,
      { columns: { gate: 'bigint' }, where: 'v."gate" IN (SELECT "id" FROM opened)' },
    );
    await client.query(`WITH opened AS (SELECT "id" FROM "Gate" WHERE "open"), written AS (${insert.text}) SELECT 1`, [insert.json]);
    expect((await client.query(`SELECT "id" FROM "Unused" WHERE "id" LIKE 'via-%' ORDER BY "id"`)).rows.map((r) => r.id)).toEqual(['via-1', 'via-3']);
  });
});
