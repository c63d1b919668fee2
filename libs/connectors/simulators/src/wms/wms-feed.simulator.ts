import { startActivity } from '../core/activity';
import { num, str } from '../core/control-body';
import { startFeedServer } from '../core/feed-server.http';
import { SimulatedWmsSource, type BadWmsRecord, type HoldReason, type SimulatedWmsOptions } from './simulated-wms.source';

export interface WmsFeedSimulatorOptions extends SimulatedWmsOptions {
  readonly host?: string;
  readonly port?: number;
  readonly apiKey?: string;
  /** Random allocations/holds every this many ms (demo); off when omitted. */
  readonly activityIntervalMs?: number | undefined;
}

export interface WmsFeedSimulator {
  readonly wms: SimulatedWmsSource;
  /** Feed at `${baseUrl}/api/inventory`. */
  readonly baseUrl: string;
  servedRequests(): number;
  stop(): Promise<void>;
}

/** The WMS simulator as an HTTP server; remote controls under /_sim for a demo in another process. */
export async function startWmsFeedSimulator(options: WmsFeedSimulatorOptions = {}): Promise<WmsFeedSimulator> {
  const wms = new SimulatedWmsSource(options);
  const server = await startFeedServer({
    feeds: { inventory: wms.inventory },
    outage: wms.outage,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    controls: {
      tick: (body) => wms.tick(num(body, 'events', 1)),
      allocate: (body) => wms.allocate(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      release: (body) => wms.release(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      ship: (body) => wms.ship(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty')),
      hold: (body) => wms.hold(str(body, 'sku'), str(body, 'facilityId'), num(body, 'qty'), (body['reason'] as HoldReason | undefined) ?? 'QC'),
      'release-hold': (body) => wms.releaseHold(str(body, 'sku'), str(body, 'facilityId')),
      remove: (body) => wms.remove(str(body, 'sku'), str(body, 'facilityId')),
      'bad-record': (body) => wms.injectBadRecord(str(body, 'kind') as BadWmsRecord),
    },
  });
  const stopActivity = options.activityIntervalMs ? startActivity(() => wms.tick(1), options.activityIntervalMs) : () => undefined;
  return {
    wms,
    baseUrl: server.baseUrl,
    servedRequests: server.servedRequests,
    stop: async () => {
      stopActivity();
      await server.close();
    },
  };
}
