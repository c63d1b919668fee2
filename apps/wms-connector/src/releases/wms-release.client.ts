import { Inject, Injectable } from '@nestjs/common';
import { wmsAnswer, type WarehouseAnswer, type WmsHttpAnswer } from '@crossdock/connectors/domain';
import { APP_CONFIG } from '@crossdock/config';
import type { WarehouseRelease } from '@crossdock/contracts';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';

/**
 * The WMS's fulfilment-request API. A release becomes a request whose external reference is the
 * release id, which the WMS keeps unique: sending it again (after a crash, before the answer was
 * recorded) returns the request it already made. A cancellation cancels the request made for it.
 */
@Injectable()
export class WmsReleaseClient {
  private readonly baseUrl: string;

  constructor(@Inject(APP_CONFIG) private readonly config: WmsConnectorConfig) {
    this.baseUrl = config.WMS_BASE_URL.replace(/\/$/, '');
  }

  async release(release: WarehouseRelease, facilityId: string): Promise<WarehouseAnswer> {
    const body = {
      externalReference: release.releaseId,
      facilityId,
      orderRef: release.orderId,
      customerReference: release.channelOrderId,
      erpOrderNumber: release.erpOrderNumber,
      shipVia: { carrier: release.carrierCode, service: release.serviceCode },
      shipTo: release.shipTo,
      requiredShipDate: release.shipBy === null ? null : new Date(release.shipBy).toISOString(),
      lines: release.lines.map((line) => ({ lineRef: line.lineId, itemNumber: line.sku, qty: line.quantity, uom: line.unitOfMeasure })),
    };
    return this.call('RELEASE', () => this.request('POST', '/api/fulfillment-requests', body));
  }

  /** `requestId`: the WMS's id from the release's answer, when known; otherwise looked up by the release id. */
  async cancel(release: WarehouseRelease, requestId: string | null): Promise<WarehouseAnswer> {
    return this.call('CANCEL', async () => {
      let id = requestId;
      if (id === null) {
        const found = await this.request('GET', `/api/fulfillment-requests?externalReference=${encodeURIComponent(release.releaseId)}`);
        if (found.status !== 200) return found;
        const requests = found.body?.['requests'];
        const first: unknown = Array.isArray(requests) ? requests[0] : undefined;
        id =
          typeof first === 'object' && first !== null && typeof (first as Record<string, unknown>)['requestId'] === 'string'
            ? String((first as Record<string, unknown>)['requestId'])
            : null;
        // Nothing was ever made for this release at the warehouse: there is no work to stop.
        if (id === null) return { status: 200, body: { message: 'the WMS has no request for this release' } };
      }
      return this.request('POST', `/api/fulfillment-requests/${encodeURIComponent(id)}/cancel`, {});
    });
  }

  private async call(action: 'RELEASE' | 'CANCEL', send: () => Promise<WmsHttpAnswer>): Promise<WarehouseAnswer> {
    try {
      return wmsAnswer(action, await send());
    } catch (error) {
      // No answer at all (refused connection, timeout): the WMS is not reachable now.
      return { kind: 'UNREACHABLE', error: `WMS not reachable: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  private async request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<WmsHttpAnswer> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.config.WMS_API_KEY ? { authorization: `Bearer ${this.config.WMS_API_KEY}` } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.config.SOURCE_TIMEOUT_MS),
    });
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = { message: text.slice(0, 200) };
    }
    return {
      status: response.status,
      body: typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null,
    };
  }
}
