import type { SimulatorApi } from '../core/feed-server.http';
import { FulfilmentRefused, type FulfilmentRequestInput, type WmsFulfilmentDesk } from './wms-fulfilment.desk';

/**
 * The WMS's fulfilment API, in its own shape:
 *   POST /api/fulfillment-requests                       201 created, 200 when the externalReference already has one
 *   GET  /api/fulfillment-requests?externalReference=<r>  {requests: [...]} (empty when none)
 *   GET  /api/fulfillment-requests/<id>                   the request with its lines and cartons
 *   POST /api/fulfillment-requests/<id>/cancel            200 cancelled; 409 {code: ALREADY_PICKED} once picking began
 * Refusals answer `{code, message, field?}`: 400 for a malformed request, 422 for an unknown
 * facility or item, 404 for an unknown request.
 */
export function fulfilmentApi(desk: WmsFulfilmentDesk): SimulatorApi {
  return {
    'fulfillment-requests': ({ method, path, query, body }) => {
      try {
        const [requestId, action] = path;
        if (requestId === undefined && method === 'POST') {
          const { request, created } = desk.create(requestInput(body));
          return { status: created ? 201 : 200, body: request };
        }
        if (requestId === undefined && method === 'GET') {
          const reference = query.get('externalReference');
          if (!reference) throw new FulfilmentRefused(400, 'INVALID_REQUEST', 'externalReference is required', 'externalReference');
          const request = desk.byExternalReference(reference);
          return { status: 200, body: { requests: request ? [request] : [] } };
        }
        if (requestId !== undefined && action === undefined && method === 'GET') {
          const request = desk.get(requestId);
          if (!request) throw new FulfilmentRefused(404, 'NOT_FOUND', `no fulfilment request ${requestId}`);
          return { status: 200, body: request };
        }
        if (requestId !== undefined && action === 'cancel' && path.length === 2 && method === 'POST') return { status: 200, body: desk.cancel(requestId) };
        return { status: 404, body: { code: 'NO_ROUTE', message: `no route ${method} /api/fulfillment-requests/${path.join('/')}` } };
      } catch (error) {
        if (!(error instanceof FulfilmentRefused)) throw error;
        return { status: error.status, body: { code: error.code, message: error.message, ...(error.field ? { field: error.field } : {}) } };
      }
    },
  };
}

function requestInput(body: Record<string, unknown>): FulfilmentRequestInput {
  const shipVia = objectField(body, 'shipVia');
  const lines = body['lines'];
  if (!Array.isArray(lines)) throw new FulfilmentRefused(400, 'INVALID_REQUEST', 'lines must be a list', 'lines');
  return {
    externalReference: stringField(body, 'externalReference'),
    facilityId: stringField(body, 'facilityId'),
    orderRef: stringField(body, 'orderRef'),
    customerReference: typeof body['customerReference'] === 'string' ? body['customerReference'] : null,
    shipVia: { carrier: stringField(shipVia, 'carrier', 'shipVia.carrier'), service: stringField(shipVia, 'service', 'shipVia.service') },
    shipTo: body['shipTo'] ?? null,
    requiredShipDate: typeof body['requiredShipDate'] === 'string' ? body['requiredShipDate'] : null,
    lines: lines.map((line: unknown, index) => {
      const at = `lines[${index}]`;
      const fields = objectField({ line }, 'line', at);
      const qty = fields['qty'];
      if (typeof qty !== 'number') throw new FulfilmentRefused(400, 'INVALID_REQUEST', `${at}.qty must be a number`, `${at}.qty`);
      return {
        lineRef: stringField(fields, 'lineRef', `${at}.lineRef`),
        itemNumber: stringField(fields, 'itemNumber', `${at}.itemNumber`),
        qty,
        uom: typeof fields['uom'] === 'string' ? fields['uom'] : 'EA',
      };
    }),
  };
}

function stringField(source: Record<string, unknown>, field: string, named = field): string {
  const value = source[field];
  if (typeof value !== 'string' || value.trim() === '') throw new FulfilmentRefused(400, 'INVALID_REQUEST', `${named} must be a non-empty string`, named);
  return value;
}

function objectField(source: Record<string, unknown>, field: string, named = field): Record<string, unknown> {
  const value = source[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new FulfilmentRefused(400, 'INVALID_REQUEST', `${named} must be an object`, named);
  return value as Record<string, unknown>;
}
