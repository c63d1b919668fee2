import { join } from 'node:path';
import { SIMULATED_WMS_FACILITY_MAP, type WmsFeedSimulator } from '@crossdock/connectors/simulators';
import { ConnectorTestWorld } from '@crossdock/connectors/simulators/testing';
import type { WarehouseRelease } from '@crossdock/contracts';
import type { RunningService } from '@crossdock/service-kit';
import { WmsConnectorApp } from '../wms-connector.app';

export function wmsConnectorHarness(label: string): ConnectorTestWorld {
  return new ConnectorTestWorld(label, WmsConnectorApp, join(__dirname, '../../prisma/schema.prisma'));
}

/** Release dispatch and outbox settings that keep a test short: look every 100 ms, back off 100 ms doubling to 400 ms. */
const FAST_RELEASE_ENV: Readonly<Record<string, string>> = {
  RELEASE_POLL_MS: '100',
  RELEASE_BACKOFF_INITIAL_MS: '100',
  RELEASE_BACKOFF_MAX_MS: '400',
  OUTBOX_POLL_MS: '100',
};

/** The connector as main.ts starts it, pointed at the test's namespace, database and WMS simulator. */
export function startConnector(
  harness: ConnectorTestWorld,
  wms: WmsFeedSimulator,
  overrides: Record<string, string> = {},
): Promise<{ service: RunningService; baseUrl: string }> {
  return harness.startConnector(
    { WMS_BASE_URL: wms.baseUrl, WMS_SOURCE_SYSTEM: 'wms-sim', WMS_FACILITY_MAP: SIMULATED_WMS_FACILITY_MAP, ...FAST_RELEASE_ENV },
    overrides,
  );
}

/** A release as `GET /releases` lists it. */
export interface ReleaseView {
  releaseId: string;
  action: string;
  status: string;
  attempts: number;
  lastError: string | null;
  warehouseReference: string | null;
}

let released = 0;

/** A release of `lines` (sku, quantity) of a fresh order to `locationId`, as shipment-events writes it. */
export function releaseOf(
  locationId: string,
  lines: ReadonlyArray<readonly [sku: string, quantity: number]>,
  patch: Partial<WarehouseRelease> = {},
): WarehouseRelease {
  const orderId = patch.orderId ?? `SHOPIFY:acme-outdoor:${Date.now()}${++released}`;
  return {
    eventId: `release-${orderId}-${locationId}`,
    causationId: `accepted-${orderId}`,
    releaseId: `${orderId}@${locationId}`,
    action: 'RELEASE',
    orderId,
    channel: 'SHOPIFY',
    channelAccountId: 'acme-outdoor',
    channelOrderId: orderId.split(':').at(-1) ?? orderId,
    erpOrderNumber: `SO-${released}`,
    locationId,
    locationType: locationId.startsWith('3PL') ? 'THIRD_PARTY_LOGISTICS' : 'WAREHOUSE',
    carrierCode: 'UPSN',
    serviceCode: 'GROUND',
    shipBy: null,
    shipTo: {
      name: 'Dana Hiker',
      company: null,
      lines: ['1 Trail Way'],
      city: 'Reno',
      region: 'US-NV',
      postalCode: '89501',
      countryCode: 'US',
      phone: null,
      locationCode: null,
    },
    lines: lines.map(([sku, quantity], index) => ({ lineId: `L${index + 1}`, sku, quantity, unitOfMeasure: 'EA' })),
    reason: null,
    occurredAt: Date.now(),
    ...patch,
  };
}

/** The cancellation of a release. */
export function cancellationOf(release: WarehouseRelease): WarehouseRelease {
  return {
    ...release,
    eventId: `cancel-${release.releaseId}`,
    causationId: `cancelled-${release.orderId}`,
    action: 'CANCEL',
    reason: 'CUSTOMER_REQUEST',
    occurredAt: Date.now(),
  };
}
