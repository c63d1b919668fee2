import { join } from 'node:path';
import { SIMULATED_ERP_WAREHOUSE_MAP, type ErpFeedSimulator } from '@crossdock/connectors/simulators';
import { ConnectorTestWorld } from '@crossdock/connectors/simulators/testing';
import type { RunningService } from '@crossdock/service-kit';
import { ErpConnectorApp } from '../erp-connector.app';

export function erpConnectorHarness(label: string): ConnectorTestWorld {
  return new ConnectorTestWorld(label, ErpConnectorApp, join(__dirname, '../../prisma/schema.prisma'));
}

/** The connector as main.ts starts it, pointed at the test's namespace, database and ERP simulator. */
export function startConnector(
  harness: ConnectorTestWorld,
  erp: ErpFeedSimulator,
  overrides: Record<string, string> = {},
): Promise<{ service: RunningService; baseUrl: string }> {
  return harness.startConnector({ ERP_BASE_URL: erp.baseUrl, ERP_SOURCE_SYSTEM: 'erp-sim', ERP_WAREHOUSE_MAP: SIMULATED_ERP_WAREHOUSE_MAP }, overrides);
}
