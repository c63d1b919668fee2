import type { WmsFeedSimulator } from '@crossdock/connectors/simulators';

/**
 * Carriers recycle tracking numbers: the WMS labels its next carton with the number of a carton
 * it already shipped, so shipment-events must park that shipment as TRACKING_NUMBER_REUSED rather
 * than attach the second order to the first one's tracking. Returns the number, or null when
 * nothing has shipped yet.
 */
export function reuseTrackingNumber(wms: WmsFeedSimulator): string | null {
  const shipped = wms.wms.fulfilment
    .all()
    .flatMap((request) => request.cartons)
    .find((carton) => carton.shipped && carton.trackingNumber !== null);
  if (!shipped?.trackingNumber) return null;
  wms.wms.fulfilment.forceNextTrackingNumber(shipped.trackingNumber);
  return shipped.trackingNumber;
}
