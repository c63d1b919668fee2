// `npm run db -- <command>`: Prisma workflows for every service database, without Prisma's native
// engines (which cannot be downloaded here). Services keep Prisma's standard layout
// (apps/<service>/prisma/schema.prisma + migrations/), so `prisma migrate deploy` works elsewhere.
// A schema may include fragments owned by libraries (`// include ../../../libs/outbox/prisma/outbox.prisma`):
// every command composes the service's file with them as one multi-file schema.
//
//   generate [service...]         prisma generate for the service schemas (default: all; run by postinstall)
//   migration <service> <name>    write a new migration for the schema change since the last one
//   migrate [service...]          apply pending migrations to DATABASE_URL_<SERVICE> (default: all)
//   check                         fail if a schema has changes no migration captures (CI)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { applyMigrations, createMigration, pendingSchemaChange, schemaFilesOf } from '@crossdock/persistence';

const root = resolve(__dirname, '../..');
const adminUrl = process.env['POSTGRES_ADMIN_URL'] ?? 'postgresql://crossdock:crossdock@localhost:5432/postgres';

function services(): string[] {
  const apps = join(root, 'apps');
  if (!existsSync(apps)) return [];
  return readdirSync(apps).filter((name) => existsSync(schemaOf(name)));
}

function schemaOf(service: string): string {
  return join(root, 'apps', service, 'prisma', 'schema.prisma');
}

function databaseUrlOf(service: string): string {
  const variable = `DATABASE_URL_${service.toUpperCase().replace(/-/g, '_')}`;
  const url = process.env[variable];
  if (!url) throw new Error(`${variable} is not set (see \`bash infra/stack/stack.sh env\`)`);
  return url;
}

function requireService(service: string | undefined): string {
  if (!service || !services().includes(service)) {
    throw new Error(`unknown service '${service ?? ''}'; services with a Prisma schema: ${services().join(', ') || 'none'}`);
  }
  return service;
}

/**
 * Prisma's multi-file schema is a folder: one of links to the service's schema and its fragments
 * (Prisma follows them to the real files, so the generator's output path stays relative to
 * apps/<service>/prisma), made for the run and removed after.
 */
function generate(service: string): void {
  const folder = mkdtempSync(join(tmpdir(), `crossdock-schema-${service}-`));
  try {
    for (const file of schemaFilesOf(schemaOf(service))) symlinkSync(file, join(folder, basename(file)));
    // prisma generate insists on a schema engine path although generating never runs it.
    execFileSync(join(root, 'node_modules/.bin/prisma'), ['generate', '--schema', folder], {
      stdio: 'inherit',
      env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env['PRISMA_SCHEMA_ENGINE_BINARY'] ?? '/bin/false' },
    });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(command: string | undefined, args: string[]): Promise<void> {
  switch (command) {
    case 'generate':
      for (const service of args.length > 0 ? args.map((a) => requireService(a)) : services()) generate(service);
      return;
    case 'migration': {
      const service = requireService(args[0]);
      const folder = await createMigration(schemaOf(service), args[1] ?? '', adminUrl);
      console.log(folder ? `${service}: wrote prisma/migrations/${folder}` : `${service}: schema unchanged, no migration written`);
      return;
    }
    case 'migrate':
      for (const service of args.length > 0 ? args.map((a) => requireService(a)) : services()) {
        const applied = await applyMigrations(schemaOf(service), databaseUrlOf(service));
        console.log(`${service}: ${applied.length > 0 ? `applied ${applied.join(', ')}` : 'up to date'}`);
      }
      return;
    case 'check': {
      const stale = [];
      for (const service of services()) {
        if (await pendingSchemaChange(schemaOf(service), adminUrl)) stale.push(service);
      }
      if (stale.length > 0) throw new Error(`schema changes without a migration in: ${stale.join(', ')} (run \`npm run db -- migration <service> <name>\`)`);
      console.log(`db check: ${services().length} service schema(s), every change has a migration`);
      return;
    }
    default:
      throw new Error('usage: npm run db -- generate | migration <service> <name> | migrate [service...] | check');
  }
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
