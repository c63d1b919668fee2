import type { OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { Pool } from 'pg';
import { SqlPool } from '../sql/sql-pool';

interface ConnectableClient {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

// TypeScript only accepts a mixin base whose constructor takes `any[]`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ClientClass = new (...args: any[]) => ConnectableClient;

/** One connect per client, however many init hooks ask (Nest's app and its microservice both run them). */
const connections = new WeakMap<ConnectableClient, Promise<void>>();

/**
 * A service's own generated PrismaClient as a Nest provider: connected before anything consumes,
 * disconnected on application shutdown, which Nest runs after the Kafka transport has finished the
 * message in hand and the background loops have stopped, so no transaction is cut off.
 *
 *   @Injectable() class PrismaService extends PrismaLifecycle(PrismaClient) { ... }
 */
export function PrismaLifecycle<T extends ClientClass>(Client: T) {
  return class extends Client implements OnModuleInit, OnApplicationShutdown {
    onModuleInit(): Promise<void> {
      let connected = connections.get(this);
      if (!connected) {
        connected = this.$connect();
        connections.set(this, connected);
      }
      return connected;
    }

    async onApplicationShutdown(): Promise<void> {
      await this.$disconnect();
    }
  };
}

/** PrismaClient options for PostgreSQL through the pg driver adapter (no native engine needed). */
export function pgClientOptions(connectionString: string): { adapter: PrismaPg } {
  return { adapter: new PrismaPg({ connectionString }) };
}

/**
 * `pgClientOptions` plus direct SQL on the same connections: one pg pool, used by Prisma's adapter
 * and by the returned `SqlPool` for hot statements. Prisma's disconnect ends the pool.
 */
export function pgConnection(connectionString: string): { adapter: PrismaPg; sql: SqlPool } {
  const pool = new Pool({ connectionString });
  return { adapter: new PrismaPg(pool, { disposeExternalPool: true }), sql: new SqlPool(pool) };
}
