import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';

/**
 * The registry client has no request timeout of its own: a request whose answer never comes
 * waited forever, and with it the publish or the partition that needed a schema (seen here: a
 * benchmark hung for over ten minutes on one). With a timeout it fails like any registry outage,
 * which callers retry. Generous on purpose: a just-started registry taking concurrent
 * registrations has answered after more than 60 s in CI, and such a slow answer must still count.
 */
export const REGISTRY_REQUEST_TIMEOUT_MS = 300_000;

/** The one way Crossdock code creates a schema-registry client. */
export function createSchemaRegistry(url: string, options: { clientId?: string; timeoutMs?: number } = {}): SchemaRegistry {
  const timeout = TimeoutMiddleware(options.timeoutMs ?? REGISTRY_REQUEST_TIMEOUT_MS);
  return new SchemaRegistry({ host: url, clientId: options.clientId ?? 'crossdock', middlewares: [timeout] });
}
