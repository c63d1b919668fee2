import { join } from 'node:path';
import { SIMULATED_WMS_FACILITY_MAP, type WmsFeedSimulator } from '@crossdock/connectors/simulators';
import { baseUrlOf, ServiceTestWorld } from '@crossdock/service-testing';
import { startService, type RunningService } from '@crossdock/service-kit';
import { WmsConnectorApp } from '../wms-connector.app';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');

export function wmsConnectorHarness(label: string): ServiceTestWorld {
  return new ServiceTestWorld(label, { service: 'wms-connector', prismaSchema: SCHEMA_PATH });
}

/** The connector as main.ts starts it, pointed at the test's namespace, database and WMS simulator. */
export async function startConnector(
  harness: ServiceTestWorld,
  wms: WmsFeedSimulator,
  overrides: Record<string, string> = {},
): Promise<{ service: RunningService; baseUrl: string }> {
  const env = {
    ...harness.platformEnv(process.env['CONNECTOR_TEST_LOG_LEVEL'] ?? 'fatal'),
    WMS_BASE_URL: wms.baseUrl,
    WMS_SOURCE_SYSTEM: 'wms-sim',
    WMS_FACILITY_MAP: SIMULATED_WMS_FACILITY_MAP,
    POLL_INTERVAL_MS: '150',
    POLL_PAGE_SIZE: '50',
    POLL_BACKOFF_INITIAL_MS: '100',
    POLL_BACKOFF_MAX_MS: '800',
    SOURCE_TIMEOUT_MS: '2000',
    ...overrides,
  };
  const service = await startService(WmsConnectorApp, { env, port: 0, handleSignals: false });
  return { service, baseUrl: baseUrlOf(service) };
}
