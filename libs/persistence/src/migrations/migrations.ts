import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runSchemaEngine } from './schema-engine.client';
import { composedSchema, schemaFilesOf } from './schema-files';

/** Kept beside each migration.sql: the datamodel it produces (composed with its fragments), the starting point of the next diff. */
export const SCHEMA_SNAPSHOT = 'schema.snapshot.prisma';
const LOCKFILE = 'migration_lock.toml';
const EMPTY_MIGRATION = /^\s*-- This is an empty migration\.\s*$/;

export function migrationsDirOf(schemaPath: string): string {
  return join(dirname(schemaPath), 'migrations');
}

/**
 * Applies the committed migrations that the database has not seen, recording them in
 * `_prisma_migrations` exactly as `prisma migrate deploy` does, so either tool can take over.
 */
export async function applyMigrations(schemaPath: string, databaseUrl: string): Promise<string[]> {
  const result = await runSchemaEngine<{ appliedMigrationNames: string[] }>({
    command: 'apply',
    schemaPaths: schemaFilesOf(schemaPath),
    migrationsDir: migrationsDirOf(schemaPath),
    databaseUrl,
  });
  return result.appliedMigrationNames;
}

/** SQL that would take the last migration's schema to the current one (with its fragments); empty when they agree. */
export async function pendingSchemaChange(schemaPath: string, databaseUrl: string): Promise<string> {
  const latest = await latestMigration(migrationsDirOf(schemaPath));
  const snapshot = latest ? join(migrationsDirOf(schemaPath), latest, SCHEMA_SNAPSHOT) : null;
  const { sql } = await runSchemaEngine<{ sql: string }>({ command: 'diff', fromSchemaPath: snapshot, schemaPaths: schemaFilesOf(schemaPath), databaseUrl });
  return EMPTY_MIGRATION.test(sql) ? '' : sql;
}

/**
 * Writes `migrations/<timestamp>_<name>/migration.sql` for the schema change since the last
 * migration (plus the schema snapshot), or returns undefined when there is nothing to migrate.
 */
export async function createMigration(schemaPath: string, name: string, databaseUrl: string, now = new Date()): Promise<string | undefined> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`migration name '${name}' must be lowercase letters, digits and underscores`);
  const sql = await pendingSchemaChange(schemaPath, databaseUrl);
  if (!sql) return undefined;
  const migrationsDir = migrationsDirOf(schemaPath);
  const folder = `${now.toISOString().replace(/\D/g, '').slice(0, 14)}_${name}`;
  await mkdir(join(migrationsDir, folder), { recursive: true });
  await writeFile(join(migrationsDir, folder, 'migration.sql'), sql);
  await writeFile(join(migrationsDir, folder, SCHEMA_SNAPSHOT), composedSchema(schemaPath));
  if (!existsSync(join(migrationsDir, LOCKFILE))) {
    await writeFile(join(migrationsDir, LOCKFILE), '# Written by Crossdock\'s db tool, read by `prisma migrate`.\nprovider = "postgresql"\n');
  }
  return folder;
}

async function latestMigration(migrationsDir: string): Promise<string | undefined> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const latest = folders.at(-1);
  if (latest && !existsSync(join(migrationsDir, latest, SCHEMA_SNAPSHOT))) {
    throw new Error(`${join(migrationsDir, latest)} has no ${SCHEMA_SNAPSHOT}; create migrations with \`npm run db -- migration\``);
  }
  return latest;
}
