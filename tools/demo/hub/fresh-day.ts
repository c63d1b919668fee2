import { createKafka } from '@crossdock/messaging';
import { createTestDatabase, createTestNamespace, dropTestNamespace, stackEnv, type TestDatabase } from '@crossdock/testing';
import { envSuffix, HUB_SERVICES } from './hub-config';
import { loadStackEnv } from './stack.env';

/** A topic namespace and one database per service that no earlier run has touched, and how to remove them. */
export interface FreshDay {
  readonly namespace: string;
  drop(): Promise<void>;
}

/**
 * Every demo day starts from nothing, as a distributor's first day on the hub would: its own
 * topic namespace and empty service databases, so orders an earlier run left unshipped are not
 * released to this run's simulated warehouses (whose ERP never booked them) and every invariant
 * speaks of this day alone. Sets TOPIC_NAMESPACE and DATABASE_URL_<SERVICE> in `env`; call after
 * the stack's settings are loaded. `drop` removes the topics, schema subjects and databases.
 */
export async function prepareFreshDay(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<FreshDay> {
  const namespace = createTestNamespace('demo');
  const databases: TestDatabase[] = [];
  for (const service of HUB_SERVICES) {
    const database = await createTestDatabase(service, stackEnv(env).postgresAdminUrl);
    databases.push(database);
    env[`DATABASE_URL_${envSuffix(service)}`] = database.url;
  }
  env['TOPIC_NAMESPACE'] = namespace;
  log(`[demo] a fresh day: topics under ${namespace}, databases ${databases.map((d) => d.name).join(', ')}`);
  return {
    namespace,
    drop: async () => {
      const settings = stackEnv(env);
      await dropTestNamespace(createKafka('demo-cleanup', settings.kafkaBrokers), settings.schemaRegistryUrl, namespace);
      for (const database of databases) await database.drop();
    },
  };
}

/**
 * A fresh day unless the caller named TOPIC_NAMESPACE (the integration tests, someone replaying into
 * a namespace), who brings its own world: null then.
 */
export async function freshDayUnlessNamespaced(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<FreshDay | null> {
  if (env['TOPIC_NAMESPACE'] !== undefined) return null;
  loadStackEnv(env, log);
  return prepareFreshDay(env, log);
}
