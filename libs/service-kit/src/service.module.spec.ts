import { Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import pino from 'pino';
import { z } from 'zod';
import { ConfigError, platformConfigSchema } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
import { RetentionSweeper, retentionBatchStatement, type RetentionRule, type SqlPool } from '@crossdock/persistence';
import { deadLetterTopicOf } from './dead-letter-topic';
import { defineService } from './service.definition';
import { serviceModule } from './service.module';

@Module({})
class FeatureModule {}

const definition = (name: string, consumes: boolean) =>
  defineService({ name, config: platformConfigSchema, consumes, imports: [FeatureModule], apiDocs: { title: name, description: name } });

describe('serviceModule', () => {
  it('derives the dead-letter topic from the name, as the catalog names them', () => {
    expect(deadLetterTopicOf('order-ingest')).toBe(Topics.orderIngestDeadLetters);
    expect(deadLetterTopicOf('availability')).toBe(Topics.availabilityDeadLetters);
    expect(deadLetterTopicOf('erp-connector')).toBeUndefined();
  });

  it('refuses a consuming service whose dead-letter topic the catalog does not declare', () => {
    expect(() => serviceModule(definition('no-such-service', true), {})).toThrow(/crossdock\.dlq\.no-such-service\.v1/);
  });

  it('lets a service that consumes nothing start without a dead-letter topic', () => {
    const module = serviceModule(definition('erp-connector', false), {});
    expect(module.imports).toEqual(expect.arrayContaining([FeatureModule]));
  });

  it('fills SERVICE_NAME from the definition, so the name is written once', () => {
    const seen: Array<Record<string, string | undefined>> = [];
    serviceModule(
      { ...definition('wms-connector', false), imports: (config, env) => (seen.push({ name: config.SERVICE_NAME, env: env['SERVICE_NAME'] }), []) },
      {},
    );
    expect(seen).toEqual([{ name: 'wms-connector', env: 'wms-connector' }]);
  });

  it('validates the environment once, naming every bad variable', () => {
    expect(() => serviceModule(definition('erp-connector', false), { HTTP_PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    expect(() => serviceModule(definition('erp-connector', false), { HTTP_PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(
      /HTTP_PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*HTTP_PORT/,
    );
  });

  it('runs a RetentionSweeper on the database with the rules of the config, every RETENTION_SWEEP_INTERVAL_MS', async () => {
    const statements: unknown[][] = [];
    class Database {
      readonly sql = {} as SqlPool;
      $executeRawUnsafe(...statement: unknown[]): Promise<number> {
        statements.push(statement);
        return Promise.resolve(0);
      }
    }
    const config = platformConfigSchema.extend({ RETENTION_SWEEP_INTERVAL_MS: z.coerce.number(), KEEP_DAYS: z.coerce.number() });
    const rule = (days: number): RetentionRule => ({
      name: 'finished rows',
      table: 'Finished',
      where: '"done"',
      timestampColumn: 'doneAt',
      keepFor: days * 86_400_000,
    });
    const module = serviceModule(
      defineService({
        ...definition('erp-connector', false),
        config,
        database: Database,
        retention: (settings) => [rule(settings.KEEP_DAYS)],
      }),
      { RETENTION_SWEEP_INTERVAL_MS: '60000', KEEP_DAYS: '3' },
    );
    const provider = (module.imports ?? [])
      .flatMap((m) => ((m as DynamicModule).providers ?? []) as FactoryProvider[])
      .find((p) => p.provide === RetentionSweeper);
    expect(provider?.inject).toEqual([Database, expect.anything()]);

    const now = 1_800_000_000_000;
    jest.useFakeTimers({ now });
    try {
      const sweeper = provider?.useFactory(new Database(), pino({ level: 'silent' })) as RetentionSweeper;
      sweeper.start();
      // The interval ± its 10 % jitter.
      await jest.advanceTimersByTimeAsync(53_000);
      expect(statements).toEqual([]);
      await jest.advanceTimersByTimeAsync(14_000);
      expect(statements).toEqual([[retentionBatchStatement(rule(3)), expect.any(String), 1_000]]);
      const cutoff = Date.parse(statements[0]?.[1] as string);
      expect(cutoff).toBeGreaterThanOrEqual(now + 54_000 - 3 * 86_400_000);
      expect(cutoff).toBeLessThanOrEqual(now + 66_000 - 3 * 86_400_000);
      await sweeper.stop();
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses retention rules without a database or without RETENTION_SWEEP_INTERVAL_MS in the config schema', () => {
    const withRetention = { ...definition('erp-connector', false), retention: () => [] };
    expect(() => serviceModule(withRetention, {})).toThrow(/erp-connector declares retention rules, so it needs a database and RETENTION_SWEEP_INTERVAL_MS/);
  });

  it('refuses an outbox without a database or without the outbox settings in the config schema', () => {
    const withOutbox = { ...definition('erp-connector', false), outbox: { ordersAccepted: Topics.ordersAccepted } };
    expect(() => serviceModule(withOutbox, {})).toThrow(/erp-connector declares an outbox, so it needs a database and outboxConfigSchema/);
  });
});
