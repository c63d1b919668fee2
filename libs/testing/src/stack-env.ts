/**
 * Where the local stack listens. The jest global setup exports these after `stack:up`, and the
 * defaults match infra/stack so a test also works against a stack started by hand.
 */
export interface StackEnv {
  readonly kafkaBrokers: string[];
  readonly schemaRegistryUrl: string;
  readonly postgresAdminUrl: string;
  readonly otlpEndpoint: string;
  readonly jaegerQueryUrl: string;
}

export function stackEnv(env: Record<string, string | undefined> = process.env): StackEnv {
  return {
    kafkaBrokers: (env['KAFKA_BROKERS'] ?? 'localhost:9092').split(',').map((b) => b.trim()),
    schemaRegistryUrl: env['SCHEMA_REGISTRY_URL'] ?? 'http://localhost:8081/apis/ccompat/v7',
    postgresAdminUrl: env['POSTGRES_ADMIN_URL'] ?? 'postgresql://crossdock:crossdock@localhost:5432/postgres',
    otlpEndpoint: env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? 'http://localhost:4318',
    jaegerQueryUrl: env['JAEGER_QUERY_URL'] ?? 'http://localhost:16686',
  };
}
