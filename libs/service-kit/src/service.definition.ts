import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import type { z } from 'zod';
import type { PlatformConfig } from '@crossdock/config';
import type { OutboxCatalog } from '@crossdock/outbox';
import type { RawExecutor, RetentionRule, SqlPool } from '@crossdock/persistence';

/** What a service's Prisma provider looks like to the kit (see ServiceDatabase): a Prisma client with its SqlPool. */
export type DatabaseProvider = Type<RawExecutor & { readonly sql: SqlPool }>;

/** The OpenAPI document's identity; the kit serves it at /docs (UI) and /docs-json. */
export interface ApiDocs {
  readonly title: string;
  readonly description: string;
}

/**
 * Everything that makes one service different from another. The kit turns it into the Nest module
 * (validated config, telemetry, logs, metrics, health, messaging with the dead-letter topic derived
 * from `name`, the database, OpenAPI docs) and into a running process.
 */
export interface ServiceOptions<C extends PlatformConfig> {
  /** The service's name, as in infra/services.json; written nowhere else. */
  readonly name: string;
  /** The service's environment, on top of platformConfigSchema (and databaseConfigSchema when it has a database). */
  readonly config: z.ZodType<C>;
  /** The service's Prisma client provider (`class PrismaService extends ServiceDatabase(PrismaClient) {}`). */
  readonly database?: DatabaseProvider;
  /** Whether the service consumes topics; it then needs `crossdock.dlq.<name>.v1` in the catalog. */
  readonly consumes: boolean;
  /**
   * The topics whose events the service writes through the platform outbox (`@crossdock/outbox`), by
   * catalog key: the kit runs the service's one leader-elected relay for them (OutboxRelay, injectable
   * to wake it). Needs `database` and the outboxConfigSchema settings in `config`.
   */
  readonly outbox?: OutboxCatalog;
  /**
   * The rows of the service's database whose work is finished, by its config (`RetentionRule`s of
   * `@crossdock/persistence`): the kit runs the service's `RetentionSweeper` on `database`, every
   * `RETENTION_SWEEP_INTERVAL_MS` of its config.
   */
  readonly retention?: (config: C) => readonly RetentionRule[];
  /** Partitions handled at once (order within each is kept); default 1. */
  readonly partitionsConsumedConcurrently?: number;
  /** The service's feature modules. A function gets the validated config, for modules that are configured by it. */
  readonly imports: readonly (Type<unknown> | DynamicModule)[] | ((config: C, env: Env) => readonly (Type<unknown> | DynamicModule)[]);
  readonly apiDocs: ApiDocs;
  /** HTTP set-up that must precede listen (middleware in front of Nest's routes, raw bodies). */
  readonly beforeListen?: (app: INestApplication) => void | Promise<void>;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface ServiceDefinition<C extends PlatformConfig = PlatformConfig> extends ServiceOptions<C> {
  readonly kind: 'crossdock-service';
}

/** Declares a service; `startService` and `runService` run it. */
export function defineService<C extends PlatformConfig>(options: ServiceOptions<C>): ServiceDefinition<C> {
  return { ...options, kind: 'crossdock-service' };
}
