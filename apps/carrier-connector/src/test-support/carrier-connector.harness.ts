import { join } from 'node:path';
import { easyPostSignature } from '@crossdock/connectors/domain';
import { trackerEvent, trackingDetail, type TrackerState } from '@crossdock/connectors/simulators';
import { ConnectorTestWorld } from '@crossdock/connectors/simulators/testing';
import { CarrierConnectorApp } from '../carrier-connector.app';
import type { CarrierConnectorConfig } from '../config/carrier-connector-config.schema';

export const SCHEMA_PATH = join(__dirname, '../../prisma/schema.prisma');
export const WEBHOOK_SECRET = 'whsec-carrier-connector-test-é';

/** One test file's world (namespace, migrated database) and carrier-connector started in-process, as main.ts starts it. */
export class CarrierConnectorWorld extends ConnectorTestWorld<CarrierConnectorConfig> {
  constructor(label: string) {
    super(label, CarrierConnectorApp, SCHEMA_PATH);
  }

  startCarrierConnector(overrides: Record<string, string> = {}) {
    return this.startConnector({ EASYPOST_WEBHOOK_SECRET: WEBHOOK_SECRET, OUTBOX_POLL_MS: '200', PUBLISH_LAG_SAMPLE_MS: '100' }, overrides);
  }
}

let sequence = 0;

/** A `tracker.updated` (or another) Event for a fresh tracking code, its newest scan `status` at `at`. */
export function trackerUpdate(trackingCode: string, status: string, options: { at?: number; description?: string; carrier?: string } = {}) {
  sequence += 1;
  const at = options.at ?? Date.parse('2026-12-01T09:00:00Z') + sequence * 60_000;
  const carrier = options.carrier ?? 'UPS';
  const tracker: TrackerState = {
    id: `trk_test${sequence.toString(16).padStart(8, '0')}`,
    carrier,
    trackingCode,
    shipmentId: null,
    status,
    statusDetail: 'arrived_at_facility',
    estDeliveryDate: at + 86_400_000,
    createdAt: at - 3_600_000,
    updatedAt: at,
    details: [
      trackingDetail(
        'pre_transit',
        'label_created',
        'Shipping label created',
        at - 3_600_000,
        { city: 'RENO', state: 'NV', zip: '89502', country: 'US' },
        carrier,
      ),
      trackingDetail(status, 'arrived_at_facility', 'Arrived at facility', at, { city: 'SALT LAKE CITY', state: 'UT', zip: '84104', country: 'US' }, carrier),
    ],
  };
  const id = `evt_test${Date.now().toString(16)}${sequence.toString(16).padStart(6, '0')}`;
  return trackerEvent(
    id,
    options.description ?? 'tracker.updated',
    tracker,
    { status: 'pre_transit' },
    'http://carrier-connector/webhooks/easypost',
    at + 5_000,
  );
}

export interface WebhookAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs bytes to the EasyPost webhook URL: signed with the test secret unless a signature (or null: none) is given. */
export async function postEasyPost(baseUrl: string, body: Buffer | string | object, signature?: string | null): Promise<WebhookAnswer> {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const header = signature === undefined ? easyPostSignature(bytes, WEBHOOK_SECRET) : signature;
  const response = await fetch(`${baseUrl}/webhooks/easypost`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header === null ? {} : { 'x-hmac-signature': header }) },
    body: bytes,
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}
