import { join } from 'node:path';
import { SIMULATED_ERP_WAREHOUSE_MAP, type ErpFeedSimulator } from '@crossdock/connectors/simulators';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';
import { startService, type RunningService } from '@crossdock/service-kit';
import { ErpConnectorApp } from '../erp-connector.app';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

export function erpConnectorHarness(label: string): ServiceTestWorld {
  return new ServiceTestWorld(label, { service: 'erp-connector', prismaSchema: SCHEMA_PATH });
}

/** The connector as main.ts starts it, pointed at the test's namespace, database and ERP simulator. */
export async function startConnector(
  harness: ServiceTestWorld,
  erp: ErpFeedSimulator,
  overrides: Record<string, string> = {},
): Promise<{ service: RunningService; baseUrl: string }> {
  const env = {
    ...harness.platformEnv(process.env['CONNECTOR_TEST_LOG_LEVEL'] ?? 'fatal'),
    ERP_BASE_URL: erp.baseUrl,
    ERP_SOURCE_SYSTEM: 'erp-sim',
    ERP_WAREHOUSE_MAP: SIMULATED_ERP_WAREHOUSE_MAP,
    POLL_INTERVAL_MS: '150',
    POLL_PAGE_SIZE: '50',
    POLL_BACKOFF_INITIAL_MS: '100',
    POLL_BACKOFF_MAX_MS: '800',
    SOURCE_TIMEOUT_MS: '2000',
    ...overrides,
  };
  const service = await startService(ErpConnectorApp, { env, port: 0, handleSignals: false });
  return { service, baseUrl: baseUrlOf(service) };
}
