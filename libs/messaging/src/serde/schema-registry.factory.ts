import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import { TimeoutMiddleware } from 'mappersmith/middleware/timeout';

/**
 * The registry client has no request timeout of its own, and some requests never get an answer:
 * measured here, 1 registration in 360 (six at a time against the local Apicurio) waited until its
 * timeout although the registry's own log shows every request of that registration answered at
 * once. Waiting for such a request stalled publishes, partitions and test set-ups for minutes.
 * So each attempt gets 30 s and is then sent again.
 */
export const REGISTRY_REQUEST_TIMEOUT_MS = 30_000;

/**
 * Every call the client makes is safe to repeat: reads, registering a schema a subject already
 * has (the registry answers with its existing id), setting a subject's compatibility.
 */
export const REGISTRY_REQUEST_RETRIES = 3;

export interface SchemaRegistryOptions {
  readonly clientId?: string;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly initialRetryDelayMs?: number;
}

/**
 * The one way Crossdock code creates a schema-registry client. The client library merges retry
 * settings into one module-wide object, so every client of a process retries alike: all of them
 * are made here, with every setting given.
 */
export function createSchemaRegistry(url: string, options: SchemaRegistryOptions = {}): SchemaRegistry {
  return new SchemaRegistry({
    host: url,
    clientId: options.clientId ?? 'crossdock',
    middlewares: [TimeoutMiddleware(options.timeoutMs ?? REGISTRY_REQUEST_TIMEOUT_MS)],
    retry: {
      retries: options.retries ?? REGISTRY_REQUEST_RETRIES,
      initialRetryTimeInSecs: (options.initialRetryDelayMs ?? 200) / 1000,
      // The library retries only GETs, and only after a 5xx; a registration that got no answer stayed lost.
      enableRetry: () => true,
      validateRetry: (response) => response.responseStatus >= 500 || timedOut(response.error()),
    },
  });
}

function timedOut(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}
