import { startActivity } from '../core/activity';
import { num, str } from '../core/control-body';
import { serveFeedSimulator, type FeedSimulatorServing, type RunningFeedSimulator } from '../core/feed-simulator.serve';
import { fulfilmentApi } from './fulfilment-api.routes';
import { SimulatedWmsSource, type BadWmsRecord, type HoldReason, type SimulatedWmsOptions } from './simulated-wms.source';

export * from './wms-fulfilment.desk';
export * from './parcel-labels.generator';

/** Random allocations/holds every `activityIntervalMs` (demo); off when omitted. */
export type WmsFeedSimulatorOptions = SimulatedWmsOptions & FeedSimulatorServing;

export interface WmsFeedSimulator extends RunningFeedSimulator {
  readonly wms: SimulatedWmsSource;
  /** Feeds at `${baseUrl}/api/inventory` and `${baseUrl}/api/shipment-events`; fulfilment API at `${baseUrl}/api/fulfillment-requests`. */
  readonly baseUrl: string;
}

/** How often hands-off fulfilment looks for due steps, at most. */
const FULFILMENT_CHECK_MS = 250;

/** The WMS simulator as an HTTP server; remote controls under /_sim for a demo in another process. */
export async function startWmsFeedSimulator(options: WmsFeedSimulatorOptions = {}): Promise<WmsFeedSimulator> {
  const wms = new SimulatedWmsSource(options);
  const desk = wms.fulfilment;
  const server = await serveFeedSimulator(options, {
    feeds: { inventory: wms.inventory, 'shipment-events': wms.shipments },
    outage: wms.outage,
    api: fulfilmentApi(desk),
    tick: (events) => wms.tick(events),
    controls: {
      allocate: (body) => wms.allocate(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      release: (body) => wms.release(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      ship: (body) => wms.ship(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      hold: (body) => wms.hold(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty'), (body['reason'] as HoldReason | undefined) ?? 'QC'),
      'release-hold': (body) => wms.releaseHold(str(body, 'sku'), str(body, 'facilityId')),
      remove: (body) => wms.remove(str(body, 'sku'), str(body, 'facilityId')),
      'bad-record': (body) => wms.injectBadRecord(str(body, 'kind') as BadWmsRecord),
      'fulfilment-pick': (body) => desk.pick(str(body, 'requestId'), (body['picks'] as Record<string, number> | undefined) ?? {}),
      'fulfilment-pack': (body) => desk.pack(str(body, 'requestId')),
      'fulfilment-ship': (body) => desk.ship(str(body, 'requestId')),
      'force-tracking-number': (body) => desk.forceNextTrackingNumber(str(body, 'trackingNumber')),
    },
  });
  const delay = options.autoFulfilment?.delayMs;
  const stopFulfilment = delay === undefined ? () => undefined : startActivity(() => desk.advance(), Math.max(10, Math.min(FULFILMENT_CHECK_MS, delay / 2)));
  return {
    wms,
    ...server,
    stop: async () => {
      stopFulfilment();
      await server.stop();
    },
  };
}
