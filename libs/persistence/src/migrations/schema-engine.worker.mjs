// Runs Prisma's schema engine (the WASM build: the native engine binary cannot be downloaded
// here) in its own Node process, because the engine is an ES module importing a .wasm file, which
// needs `--experimental-wasm-modules` and cannot load inside Jest's module sandbox.
//
// Input (stdin, JSON):
//   { command: 'apply', schemaPaths, migrationsDir, databaseUrl }: applies every migration in
//     migrationsDir not yet recorded in _prisma_migrations (what `prisma migrate deploy` does).
//   { command: 'diff', fromSchemaPath | null, schemaPaths, databaseUrl }: the SQL that takes a database built
//     from the first datamodel (or an empty one) to the second, whose files (a service's schema and
//     the library fragments it includes) form one multi-file schema. Datamodel to datamodel, because
//     this engine build rejects --from-url and cannot describe a live database through the
//     7.10 driver adapter ('char' columns), so a shadow database is no option either.
// Output (stdout, JSON): { appliedMigrationNames } | { sql }; errors go to stderr, exit code 1.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';

const LOCKFILE = 'migration_lock.toml';
const noFilter = { externalTables: [], externalEnums: [] };

async function readInput() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

async function migrationList(migrationsDir) {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    directories.map(async (name) => {
      const content = await readFile(join(migrationsDir, name, 'migration.sql'), 'utf8').then(
        (value) => ({ tag: 'ok', value }),
        (error) => ({ tag: 'error', value: String(error) }),
      );
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  const lockContent = await readFile(join(migrationsDir, LOCKFILE), 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function main() {
  const { command, schemaPaths, migrationsDir, databaseUrl, fromSchemaPath } = await readInput();
  const files = await Promise.all(schemaPaths.map(async (path) => ({ path, content: await readFile(path, 'utf8') })));
  // Even a datamodel-to-datamodel diff opens a connection (to learn the server version), so both
  // commands need a reachable database; diff leaves it untouched.
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString: databaseUrl }));
  const logs = [];
  const engine = await SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, (log) => logs.push(log), adapter);
  try {
    if (command === 'apply') {
      const result = await engine.applyMigrations({ migrationsList: await migrationList(migrationsDir), filters: noFilter });
      process.stdout.write(JSON.stringify({ appliedMigrationNames: result.appliedMigrationNames }));
    } else if (command === 'diff') {
      const from = fromSchemaPath
        ? { tag: 'schemaDatamodel', files: [{ path: fromSchemaPath, content: await readFile(fromSchemaPath, 'utf8') }] }
        : { tag: 'empty' };
      const result = await engine.diff({
        from,
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: null,
        filters: noFilter,
      });
      process.stdout.write(JSON.stringify({ sql: result.stdout ?? '' }));
    } else {
      throw new Error(`unknown command ${command}`);
    }
  } finally {
    engine.free();
  }
}

// Exit as soon as the answer is written: the adapter's pg pool would otherwise keep the process
// alive for its 10 s idle timeout after every command.
main()
  .then(() => process.stdout.write('', () => process.exit(0)))
  .catch((error) => {
    process.stderr.write(`${error?.message ?? error}\n`, () => process.exit(1));
  });
