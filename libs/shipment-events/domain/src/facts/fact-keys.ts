import type { TrackingUpdate, WarehouseShipment } from '@crossdock/contracts';

/**
 * The business key a warehouse fact is applied once by: its source system and the source's own
 * key (WMS event id; for a 945 the sender, W0604 and W0602). A re-read feed page or a re-dropped
 * 945 carries the same key, whatever its eventId.
 */
export function warehouseFactId(fact: Pick<WarehouseShipment, 'sourceSystem' | 'factKey'>): string {
  return `warehouse:${fact.sourceSystem}:${fact.factKey}`;
}

/**
 * The business key a tracking update is applied once by: carrier (the hub code when mapped, the
 * provider's name otherwise), tracking number, event time and status. A redelivered webhook, or
 * the same scan reported by a second webhook event, has one effect.
 */
export function trackingFactId(update: Pick<TrackingUpdate, 'trackingCode' | 'occurredAt' | 'status' | 'rawStatus'>, carrier: string): string {
  return `tracking:${carrier}:${update.trackingCode}:${update.occurredAt}:${update.status === 'UNKNOWN' ? update.rawStatus : update.status}`;
}
