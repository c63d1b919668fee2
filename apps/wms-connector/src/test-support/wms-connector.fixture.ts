import { join } from 'node:path';
import { SIMULATED_WMS_FACILITY_MAP, type WmsFeedSimulator } from '@crossdock/connectors/simulators';
import { ConnectorTestWorld } from '@crossdock/connectors/simulators/testing';
import type { RunningService } from '@crossdock/service-kit';
import { WmsConnectorApp } from '../wms-connector.app';

export function wmsConnectorHarness(label: string): ConnectorTestWorld {
  return new ConnectorTestWorld(label, WmsConnectorApp, join(__dirname, '../../prisma/schema.prisma'));
}

/** The connector as main.ts starts it, pointed at the test's namespace, database and WMS simulator. */
export function startConnector(
  harness: ConnectorTestWorld,
  wms: WmsFeedSimulator,
  overrides: Record<string, string> = {},
): Promise<{ service: RunningService; baseUrl: string }> {
  return harness.startConnector({ WMS_BASE_URL: wms.baseUrl, WMS_SOURCE_SYSTEM: 'wms-sim', WMS_FACILITY_MAP: SIMULATED_WMS_FACILITY_MAP }, overrides);
}
