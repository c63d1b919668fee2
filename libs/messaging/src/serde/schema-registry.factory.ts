import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';

/**
 * The registry client has no request timeout of its own: a request whose answer never comes (a
 * keep-alive connection the registry dropped, a stalled JVM) waited forever, and with it the
 * publish or the partition that needed a schema. Seen here: a benchmark hung for minutes on one.
 * With a timeout it fails like any registry outage, which callers already retry. Generous, because
 * a registry that has just started answers its first registrations slowly (over 10 s seen in CI).
 */
export const REGISTRY_REQUEST_TIMEOUT_MS = 60_000;

/** The one way Crossdock code creates a schema-registry client. */
export function createSchemaRegistry(url: string, options: { clientId?: string; timeoutMs?: number } = {}): SchemaRegistry {
  const timeout = TimeoutMiddleware(options.timeoutMs ?? REGISTRY_REQUEST_TIMEOUT_MS);
  return new SchemaRegistry({ host: url, clientId: options.clientId ?? 'crossdock', middlewares: [timeout] });
}
