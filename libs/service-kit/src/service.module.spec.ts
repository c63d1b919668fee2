import { Module } from '@nestjs/common';
import { ConfigError, platformConfigSchema } from '@crossdock/config';
import { Topics } from '@crossdock/contracts';
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

  it('refuses an outbox without a database or without the outbox settings in the config schema', () => {
    const withOutbox = { ...definition('erp-connector', false), outbox: { ordersAccepted: Topics.ordersAccepted } };
    expect(() => serviceModule(withOutbox, {})).toThrow(/erp-connector declares an outbox, so it needs a database and outboxConfigSchema/);
  });
});
