import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, type TestDatabase } from '@crossdock/testing';

/** A throw-away database with a client on it; `drop()` disconnects the client, then drops the database. */
export interface MigratedTestDatabase<C> extends TestDatabase {
  readonly client: C;
}

/**
 * One integration-test file's own database, for tests of a service's SQL without the service: a
 * fresh database named after `label`, migrated with the service's Prisma schema for real (dropped
 * again if that fails), and `connect(url)`'s client on it, e.g. `new PrismaClient(pgClientOptions(url))`.
 */
export async function createMigratedTestDatabase<C extends { $disconnect(): Promise<void> }>(
  label: string,
  prismaSchema: string,
  connect: (url: string) => C,
): Promise<MigratedTestDatabase<C>> {
  const db = await createTestDatabase(label);
  try {
    await applyMigrations(prismaSchema, db.url);
  } catch (error) {
    await db.drop();
    throw error;
  }
  const client = connect(db.url);
  return {
    name: db.name,
    url: db.url,
    client,
    drop: async () => {
      await client.$disconnect();
      await db.drop();
    },
  };
}
