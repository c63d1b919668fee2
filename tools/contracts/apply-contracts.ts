// `npm run contracts:apply`: creates/updates every catalog topic and registers every value schema
// (BACKWARD) in the environment given by KAFKA_BROKERS, SCHEMA_REGISTRY_URL and TOPIC_NAMESPACE.
// Idempotent: a second run reports everything unchanged.
import './src/workspace-aliases';
import { Kafka, logLevel } from 'kafkajs';
// The admin folder alone, not @crossdock/messaging's index: the CLI needs no Nest or OpenTelemetry
// (and until the index re-exports admin, it is the only way in).
// eslint-disable-next-line @nx/enforce-module-boundaries
import { applyContracts, formatApplySummary } from '../../libs/messaging/src/admin';
import { createSchemaRegistry } from '@crossdock/messaging';

async function main(): Promise<void> {
  const brokers = (process.env['KAFKA_BROKERS'] ?? 'localhost:9092').split(',').map((broker) => broker.trim());
  const registryUrl = process.env['SCHEMA_REGISTRY_URL'] ?? 'http://localhost:8081/apis/ccompat/v7';
  const namespace = process.env['TOPIC_NAMESPACE'] ?? '';
  console.log(`Applying contracts to Kafka ${brokers.join(',')} and registry ${registryUrl} (namespace '${namespace}')`);
  const kafka = new Kafka({ clientId: 'crossdock-contracts-apply', brokers, logLevel: logLevel.WARN, retry: { retries: 5 } });
  const registry = createSchemaRegistry(registryUrl, { clientId: 'crossdock-contracts-apply' });
  const log = {
    info: (fields: object, message: string) => console.log(`  ${message} ${JSON.stringify(fields)}`),
    warn: (fields: object, message: string) => console.warn(`  WARNING ${message} ${JSON.stringify(fields)}`),
  };
  const summary = await applyContracts({ kafka, registry, namespace, log });
  console.log(`\n${formatApplySummary(summary)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
