import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, stackEnv, type TestDatabase } from '@crossdock/testing';
import { applyMigrations, createMigration, migrationsDirOf, pendingSchemaChange, SCHEMA_SNAPSHOT } from './migrations';

const datasource = `datasource db {\n  provider = "postgresql"\n}\n`;
const v1 = `${datasource}
model Reservation {
  id       String @id
  orderId  String
  quantity Int
  @@unique([orderId])
}
`;
const v2 = v1.replace('  quantity Int\n', '  quantity Int\n  sku      String @default("")\n');

describe('Prisma migrations through the WASM schema engine', () => {
  let dir: string;
  let schemaPath: string;
  let db: TestDatabase;
  const admin = stackEnv().postgresAdminUrl;

  async function columns(): Promise<string[]> {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      const result = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'Reservation' ORDER BY column_name`,
      );
      return result.rows.map((row) => row.column_name);
    } finally {
      await client.end();
    }
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crossdock-migrations-'));
    schemaPath = join(dir, 'schema.prisma');
    db = await createTestDatabase('persistence');
  });

  afterAll(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the first migration from an empty database, applies it once, and records it', async () => {
    await writeFile(schemaPath, v1);
    const first = await createMigration(schemaPath, 'init', admin, new Date('2026-11-27T10:00:00Z'));
    expect(first).toBe('20261127100000_init');
    const sql = await readFile(join(migrationsDirOf(schemaPath), first as string, 'migration.sql'), 'utf8');
    expect(sql).toContain('CREATE TABLE "Reservation"');
    expect(await readFile(join(migrationsDirOf(schemaPath), 'migration_lock.toml'), 'utf8')).toContain('postgresql');

    expect(await applyMigrations(schemaPath, db.url)).toEqual(['20261127100000_init']);
    expect(await applyMigrations(schemaPath, db.url)).toEqual([]);
    expect(await columns()).toEqual(['id', 'orderId', 'quantity']);
    expect(await pendingSchemaChange(schemaPath, admin)).toBe('');
    expect(await createMigration(schemaPath, 'nothing', admin)).toBeUndefined();
  });

  it('diffs the next change against the last snapshot and applies only the new migration', async () => {
    await writeFile(schemaPath, v2);
    expect(await pendingSchemaChange(schemaPath, admin)).toMatch(/ADD COLUMN\s+"sku"/);
    const second = await createMigration(schemaPath, 'add_sku', admin, new Date('2026-11-27T11:00:00Z'));
    expect(second).toBe('20261127110000_add_sku');
    expect(await readFile(join(migrationsDirOf(schemaPath), second as string, SCHEMA_SNAPSHOT), 'utf8')).toBe(v2);

    expect(await applyMigrations(schemaPath, db.url)).toEqual(['20261127110000_add_sku']);
    expect(await columns()).toEqual(['id', 'orderId', 'quantity', 'sku']);
    expect((await readdir(migrationsDirOf(schemaPath))).sort()).toEqual(['20261127100000_init', '20261127110000_add_sku', 'migration_lock.toml']);
  });

  it('fails naming the migration when the database rejects it', async () => {
    const broken = join(migrationsDirOf(schemaPath), '20261127120000_broken');
    await import('node:fs/promises').then((fs) => fs.mkdir(broken));
    await writeFile(join(broken, 'migration.sql'), 'ALTER TABLE "NoSuchTable" ADD COLUMN "x" INT;');
    await expect(applyMigrations(schemaPath, db.url)).rejects.toThrow(/20261127120000_broken/);
  });
});
