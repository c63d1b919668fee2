import { num, str } from '../core/control-body';
import { serveFeedSimulator, type FeedSimulatorServing, type RunningFeedSimulator } from '../core/feed-simulator.serve';
import { SimulatedWmsSource, type BadWmsRecord, type HoldReason, type SimulatedWmsOptions } from './simulated-wms.source';

/** Random allocations/holds every `activityIntervalMs` (demo); off when omitted. */
export type WmsFeedSimulatorOptions = SimulatedWmsOptions & FeedSimulatorServing;

export interface WmsFeedSimulator extends RunningFeedSimulator {
  readonly wms: SimulatedWmsSource;
  /** Feed at `${baseUrl}/api/inventory`. */
  readonly baseUrl: string;
}

/** The WMS simulator as an HTTP server; remote controls under /_sim for a demo in another process. */
export async function startWmsFeedSimulator(options: WmsFeedSimulatorOptions = {}): Promise<WmsFeedSimulator> {
  const wms = new SimulatedWmsSource(options);
  const server = await serveFeedSimulator(options, {
    feeds: { inventory: wms.inventory },
    outage: wms.outage,
    tick: (events) => wms.tick(events),
    controls: {
      allocate: (body) => wms.allocate(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      release: (body) => wms.release(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      ship: (body) => wms.ship(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      hold: (body) => wms.hold(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty'), (body['reason'] as HoldReason | undefined) ?? 'QC'),
      'release-hold': (body) => wms.releaseHold(str(body, 'sku'), str(body, 'facilityId')),
      remove: (body) => wms.remove(str(body, 'sku'), str(body, 'facilityId')),
      'bad-record': (body) => wms.injectBadRecord(str(body, 'kind') as BadWmsRecord),
    },
  });
  return { wms, ...server };
}
