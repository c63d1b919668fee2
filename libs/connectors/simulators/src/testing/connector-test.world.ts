import type { PlatformConfig } from '@crossdock/config';
import { startService, type RunningService, type ServiceDefinition } from '@crossdock/service-kit';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';

/**
 * Polling settings that keep a connector's integration test short: a poll every 150 ms, pages of
 * 50 records, backoff from 100 ms doubling to 800 ms, and a source answer within 2 s.
 */
const FAST_POLLING_ENV: Readonly<Record<string, string>> = {
  POLL_INTERVAL_MS: '150',
  POLL_PAGE_SIZE: '50',
  POLL_BACKOFF_INITIAL_MS: '100',
  POLL_BACKOFF_MAX_MS: '800',
  SOURCE_TIMEOUT_MS: '2000',
};

/**
 * One connector integration-test file's world (`ServiceTestWorld`: namespace, migrated database,
 * recorders) that also starts the connector as main.ts does, in-process on a free port.
 */
export class ConnectorTestWorld<C extends PlatformConfig = PlatformConfig> extends ServiceTestWorld {
  private readonly start: (env: Record<string, string>) => Promise<RunningService>;

  constructor(label: string, app: ServiceDefinition<C>, prismaSchema: string) {
    super(label, { service: app.name, prismaSchema });
    this.start = (env) => startService(app, { env, port: 0, handleSignals: false });
  }

  /**
   * The connector pointed at this world's namespace and database, at the source `sourceEnv` names
   * (its simulator), polling fast; `overrides` last. CONNECTOR_TEST_LOG_LEVEL shows its logs.
   */
  async startConnector(sourceEnv: Record<string, string>, overrides: Record<string, string> = {}): Promise<{ service: RunningService; baseUrl: string }> {
    const env = {
      ...this.platformEnv(process.env['CONNECTOR_TEST_LOG_LEVEL'] ?? 'fatal'),
      ...sourceEnv,
      ...FAST_POLLING_ENV,
      ...overrides,
    };
    const service = await this.start(env);
    return { service, baseUrl: baseUrlOf(service) };
  }
}
