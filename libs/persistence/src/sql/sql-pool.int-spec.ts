import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { createTestDatabase, type TestDatabase, waitFor } from '@crossdock/testing';
import { bulkInsert } from '../bulk/bulk-insert';
import { SqlConnectionError, SqlPool } from './sql-pool';
import { sql } from './sql.template';

describe('SqlPool on PostgreSQL', () => {
  let db: TestDatabase;
  let pool: Pool;
  let sqlPool: SqlPool;

  beforeAll(async () => {
    db = await createTestDatabase('persistence-sql');
    pool = new Pool({ connectionString: db.url });
    sqlPool = new SqlPool(pool);
    await sqlPool.query(sql`CREATE TABLE "Entry" ("id" BIGSERIAL PRIMARY KEY, "name" text NOT NULL UNIQUE, "doc" jsonb, "at" timestamp(3) NOT NULL)`);
  });

  afterAll(async () => {
    await extra?.end();
    await pool?.end();
    await db?.drop();
  });

  // A second instance's pool, for tests that act on the first one's connections from outside.
  let extra: Pool | undefined;
  function otherPool(): SqlPool {
    extra ??= new Pool({ connectionString: db.url, max: 1 });
    return new SqlPool(extra);
  }

  it('returns rows as Prisma would: bigint ids, UTC timestamps, parsed jsonb', async () => {
    const at = '2026-11-27T05:40:00.123Z';
    const [row] = await sqlPool.query<{ id: bigint; name: string; doc: unknown; at: Date }>(
      sql`INSERT INTO "Entry" ("name", "doc", "at") VALUES (${'first'}, ${JSON.stringify({ lines: [1, 2] })}::jsonb, ${at}::timestamp) RETURNING *`,
    );
    expect(row).toEqual({ id: 1n, name: 'first', doc: { lines: [1, 2] }, at: new Date(at) });
  });

  it('commits a transaction that resolves, with every statement in it', async () => {
    const count = await sqlPool.transaction(async (tx) => {
      await tx.query(sql`INSERT INTO "Entry" ("name", "at") VALUES (${'second'}, now())`);
      return bulkInsert(tx, 'Entry', { name: 'text', at: 'timestamp' }, [{ name: 'third', at: new Date() }]);
    });
    expect(count).toBe(1);
    const names = await sqlPool.query<{ name: string }>(sql`SELECT "name" FROM "Entry" WHERE "name" = ANY(${['second', 'third']}::text[]) ORDER BY "name"`);
    expect(names.map((n) => n.name)).toEqual(['second', 'third']);
  });

  it('rolls back everything a failing transaction wrote, and its connection serves the next caller', async () => {
    const failure = sqlPool.transaction(async (tx) => {
      await tx.query(sql`INSERT INTO "Entry" ("name", "at") VALUES (${'rolled-back'}, now())`);
      await tx.query(sql`INSERT INTO "Entry" ("name", "at") VALUES (${'first'}, now())`); // unique violation
    });
    await expect(failure).rejects.toMatchObject({ code: '23505' });
    expect(await sqlPool.query(sql`SELECT 1 FROM "Entry" WHERE "name" = ${'rolled-back'}`)).toHaveLength(0);
    // Every pooled connection is usable (none was left inside the aborted transaction).
    const results = await Promise.all(Array.from({ length: 12 }, () => sqlPool.query<{ one: number }>(sql`SELECT 1 AS one`)));
    expect(results.flat()).toEqual(Array.from({ length: 12 }, () => ({ one: 1 })));
  });

  it('reports a database it cannot reach as a connection error, and what PostgreSQL refused as itself', async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const unreachable = new Pool({ connectionString: `postgresql://nobody:nothing@127.0.0.1:${port}/none` });
    try {
      await expect(new SqlPool(unreachable).query(sql`SELECT 1`)).rejects.toBeInstanceOf(SqlConnectionError);
      await expect(new SqlPool(unreachable).transaction(async () => 1)).rejects.toBeInstanceOf(SqlConnectionError);
    } finally {
      await unreachable.end();
    }
    const refused = await sqlPool.query(sql`SELECT 1/0`).catch((error: unknown) => error);
    expect(refused).not.toBeInstanceOf(SqlConnectionError);
    expect(refused).toMatchObject({ code: '22012' });
  });

  it('prepares a statement once per connection and then only binds and executes it', async () => {
    const statement = (n: number) => sql`SELECT ${n}::int + 1 AS "next" -- prepared-once`;
    const runs = await sqlPool.transaction(async (tx) => {
      for (const n of [1, 2, 3]) expect(await tx.query(statement(n))).toEqual([{ next: n + 1 }]);
      return tx.query<{ count: number; runs: number }>(
        sql`SELECT count(*)::int AS "count", sum("generic_plans" + "custom_plans")::int AS "runs" FROM pg_prepared_statements WHERE "statement" = ${statement(0).text}`,
      );
    });
    expect(runs).toEqual([{ count: 1, runs: 3 }]);
    // Prepared under a name that says what it does (what a trace's pg span shows), then a hash of its text.
    const named = sql.named('test.next-number')`SELECT ${1}::int + 2 AS "next" -- named`;
    const prepared = await sqlPool.transaction(async (tx) => {
      expect(await tx.query(named)).toEqual([{ next: 3 }]);
      return tx.query<{ name: string }>(sql`SELECT "name" FROM pg_prepared_statements WHERE "statement" = ${named.text}`);
    });
    expect(prepared).toEqual([{ name: expect.stringMatching(/^test\.next-number_[0-9a-f]{8}$/) }]);
    // A statement PostgreSQL refuses to parse is not remembered as prepared: the connection still serves it fixed.
    await expect(sqlPool.query(sql`SELEC ${1}::int`)).rejects.toMatchObject({ code: '42601' });
    expect(await sqlPool.query(statement(41))).toEqual([{ next: 42 }]);
  });

  describe('a session holding an advisory lock', () => {
    const LOCK = 4_242_001;
    // Two pools: two instances of a service contending for one role.
    let other: Pool;
    let otherSql: SqlPool;

    beforeAll(() => {
      other = new Pool({ connectionString: db.url, max: 2 });
      otherSql = new SqlPool(other);
    });

    afterAll(async () => {
      await other?.end();
    });

    it("is held by one pool at a time; the refused caller's connection goes back to its pool; ending it frees the lock", async () => {
      const first = await sqlPool.lockedSession(LOCK);
      expect(first).not.toBeNull();
      expect(await otherSql.lockedSession(LOCK)).toBeNull();
      expect(other.idleCount).toBe(other.totalCount);
      expect(await first?.query<{ one: number }>(sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);

      first?.end();
      first?.end();
      expect(first?.lost).toBe(true);
      // Its connection was closed, not pooled with the lock still on it: the other instance takes over.
      const second = await otherSql.lockedSession(LOCK);
      expect(second).not.toBeNull();
      expect(await sqlPool.lockedSession(LOCK)).toBeNull();
      second?.end();
    });

    it('reports itself lost when its connection dies, without taking the process down, and the lock passes on', async () => {
      // The previous test's holder closed its connection; the server frees the lock once it has seen that.
      const session = await waitFor(async () => (await sqlPool.lockedSession(LOCK)) ?? undefined, { what: 'the lock free again', timeoutMs: 5_000 });
      const [{ pid } = { pid: 0 }] = (await session?.query<{ pid: number }>(sql`SELECT pg_backend_pid() AS pid`)) ?? [];
      await otherSql.query(sql`SELECT pg_terminate_backend(${pid}::int)`);

      // The server's goodbye may arrive as the statement's error or as the connection's; either way it is lost.
      await expect(session?.query(sql`SELECT 1`)).rejects.toBeDefined();
      await waitFor(() => (session?.lost ? true : undefined), { what: 'the session to notice its connection ended', timeoutMs: 5_000 });
      const next = await otherSql.lockedSession(LOCK);
      expect(next).not.toBeNull();
      next?.end();
      session?.end();
    });
  });
  describe('a session listening on a channel', () => {
    it('hears what another connection notified when its transaction commits, nothing of a rolled-back one', async () => {
      const heard: string[] = [];
      const session = await sqlPool.listen('entry_changes', (payload) => heard.push(payload));
      await expect(
        sqlPool.transaction(async (tx) => {
          await tx.query(sql`SELECT pg_notify('entry_changes', ${'rolled back'})::text`);
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      await sqlPool.transaction(async (tx) => {
        await tx.query(sql`SELECT pg_notify('entry_changes', ${'first'})::text`);
        expect(heard).toEqual([]);
        await tx.query(sql`SELECT pg_notify('entry_changes', ${'second'})::text`);
      });
      await waitFor(() => (heard.length === 2 ? true : undefined), { what: 'both notifications', timeoutMs: 5_000 });
      // The rolled-back one came first, so hearing the committed ones in order proves it was never sent.
      expect(heard).toEqual(['first', 'second']);
      session.end();
      expect(session.lost).toBe(true);
    });

    it('tells its owner once when its connection dies, so the owner can resynchronise', async () => {
      const session = await sqlPool.listen('entry_lost', () => undefined);
      let lost = 0;
      session.onLost(() => lost++);
      await otherPool().query(
        sql`SELECT pg_terminate_backend("pid")::text FROM pg_stat_activity WHERE "datname" = current_database() AND "query" LIKE 'LISTEN "entry_lost"%'`,
      );
      await waitFor(() => (lost > 0 ? true : undefined), { what: 'the session to report its connection lost', timeoutMs: 5_000 });
      expect(session.lost).toBe(true);
      expect(lost).toBe(1);
      session.end();
    });
  });
});
