import { startActivity } from '../core/activity';
import { num, str } from '../core/control-body';
import { startFeedServer } from '../core/feed-server.http';
import { SimulatedErpSource, type BadErpRecord, type SimulatedErpOptions } from './simulated-erp.source';

export interface ErpFeedSimulatorOptions extends SimulatedErpOptions {
  readonly host?: string;
  readonly port?: number;
  readonly apiKey?: string;
  /** Random stock movements every this many ms (demo); off when omitted. */
  readonly activityIntervalMs?: number | undefined;
}

export interface ErpFeedSimulator {
  /** The ERP's data and its controls, for tests and the demo in the same process. */
  readonly erp: SimulatedErpSource;
  /** Feeds at `${baseUrl}/api/items` and `${baseUrl}/api/stock`. */
  readonly baseUrl: string;
  servedRequests(): number;
  stop(): Promise<void>;
}

/** The ERP simulator as an HTTP server; remote controls under /_sim for a demo in another process. */
export async function startErpFeedSimulator(options: ErpFeedSimulatorOptions = {}): Promise<ErpFeedSimulator> {
  const erp = new SimulatedErpSource(options);
  const server = await startFeedServer({
    feeds: { items: erp.items, stock: erp.stock },
    outage: erp.outage,
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    controls: {
      tick: (body) => erp.tick(num(body, 'events', 1)),
      'set-on-hand': (body) => erp.setOnHand(str(body, 'sku'), str(body, 'warehouseCode'), num(body, 'onHandQty')),
      receive: (body) => erp.receive(str(body, 'sku'), str(body, 'warehouseCode'), num(body, 'qty')),
      adjust: (body) => erp.adjust(str(body, 'sku'), str(body, 'warehouseCode'), num(body, 'delta')),
      'add-item': (body) =>
        erp.addItem({ itemNumber: str(body, 'sku'), description: typeof body['description'] === 'string' ? body['description'] : str(body, 'sku') }),
      'delete-item': (body) => erp.deleteItem(str(body, 'sku')),
      'bad-record': (body) => erp.injectBadRecord(str(body, 'kind') as BadErpRecord),
    },
  });
  const stopActivity = options.activityIntervalMs ? startActivity(() => erp.tick(1), options.activityIntervalMs) : () => undefined;
  return {
    erp,
    baseUrl: server.baseUrl,
    servedRequests: server.servedRequests,
    stop: async () => {
      stopActivity();
      await server.close();
    },
  };
}
