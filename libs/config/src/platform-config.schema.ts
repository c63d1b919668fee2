import { z } from 'zod';

const csv = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean),
  );

const url = z.url({ message: 'must be an absolute URL' });

/** What every Crossdock service needs to reach the backbone. Defaults match the local stack. */
export const platformConfigSchema = z.object({
  SERVICE_NAME: z.string().min(1),
  KAFKA_BROKERS: csv.default(['localhost:9092']),
  SCHEMA_REGISTRY_URL: url.default('http://localhost:8081/apis/ccompat/v7'),
  /** Prefix for every topic and subject; tests use it to get topics of their own. */
  TOPIC_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*\.$|^$/, 'must be empty or lowercase letters, digits, dots, dashes, ending with "."')
    .default(''),
  OTEL_EXPORTER_OTLP_ENDPOINT: url.default('http://localhost:4318'),
  OTEL_SDK_DISABLED: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HTTP_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /**
   * Longest a SIGTERM shutdown may take before the process gives up and exits 1 (what it had not
   * committed is redelivered). Below Kubernetes' default 30 s grace, so the service ends on its own
   * terms even when Kafka or the database is unreachable and their clients would retry for minutes.
   */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
});

export type PlatformConfig = z.infer<typeof platformConfigSchema>;

export const databaseConfigSchema = z.object({
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL'),
});
