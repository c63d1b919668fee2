import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMigration, migrationsDirOf, pendingSchemaChange } from './migrations';

// Paths that must fail before the schema engine is ever started (the engine runs in integration tests).
describe('migrations (without the schema engine)', () => {
  let dir: string;
  const unreachable = 'postgresql://nobody@127.0.0.1:1/none';

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crossdock-migrations-unit-'));
    await writeFile(join(dir, 'schema.prisma'), 'datasource db {\n  provider = "postgresql"\n}\n');
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('keeps migrations in Prisma’s standard folder beside the schema', () => {
    expect(migrationsDirOf('/repo/apps/availability/prisma/schema.prisma')).toBe('/repo/apps/availability/prisma/migrations');
  });

  it.each(['', 'Add-Column', 'add column', 'drop;table'])('refuses the migration name %p', async (name) => {
    await expect(createMigration(join(dir, 'schema.prisma'), name, unreachable)).rejects.toThrow(/lowercase letters, digits and underscores/);
  });

  it('refuses to diff when the latest migration has no schema snapshot to start from', async () => {
    await mkdir(join(dir, 'migrations', '20261127000000_handwritten'), { recursive: true });
    await writeFile(join(dir, 'migrations', '20261127000000_handwritten', 'migration.sql'), 'SELECT 1;');
    await expect(pendingSchemaChange(join(dir, 'schema.prisma'), unreachable)).rejects.toThrow(/20261127000000_handwritten has no schema\.snapshot\.prisma/);
  });
});
