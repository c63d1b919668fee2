import { Inject, Injectable } from '@nestjs/common';
import type { PrismaPg } from '@prisma/adapter-pg';
import { APP_CONFIG } from '@crossdock/config';
import { pgConnection, PrismaLifecycle, type SqlPool } from '@crossdock/persistence';

interface ConnectableClient {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

// The generated PrismaClient classes take their options object; TypeScript needs `any[]` to mix them in.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientClass = new (...args: any[]) => ConnectableClient;

/**
 * A service's database provider: its own generated PrismaClient on the shared pg pool (Prisma's driver
 * adapter and a SqlPool for the statements that run per message under load use the same connections),
 * connected before anything consumes and disconnected after consumers and background loops stopped.
 *
 *   @Injectable() export class PrismaService extends ServiceDatabase(PrismaClient) {}
 */
export function ServiceDatabase<T extends ClientClass>(Client: T): new (config: { DATABASE_URL: string }) => InstanceType<T> & { readonly sql: SqlPool } {
  const Base = PrismaLifecycle(Client) as unknown as new (options: { adapter: PrismaPg }) => ConnectableClient;

  @Injectable()
  class Database extends Base {
    readonly sql: SqlPool;

    constructor(@Inject(APP_CONFIG) config: { DATABASE_URL: string }) {
      const connection = pgConnection(config.DATABASE_URL);
      super({ adapter: connection.adapter });
      this.sql = connection.sql;
    }
  }
  return Database as unknown as new (config: { DATABASE_URL: string }) => InstanceType<T> & { readonly sql: SqlPool };
}
