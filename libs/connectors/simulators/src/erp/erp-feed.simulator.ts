import { num, str } from '../core/control-body';
import { serveFeedSimulator, type FeedSimulatorServing, type RunningFeedSimulator } from '../core/feed-simulator.serve';
import { SimulatedErpSource, type BadErpRecord, type SimulatedErpOptions } from './simulated-erp.source';

/** Random stock movements every `activityIntervalMs` (demo); off when omitted. */
export type ErpFeedSimulatorOptions = SimulatedErpOptions & FeedSimulatorServing;

export interface ErpFeedSimulator extends RunningFeedSimulator {
  /** The ERP's data and its controls, for tests and the demo in the same process. */
  readonly erp: SimulatedErpSource;
  /** Feeds at `${baseUrl}/api/items`, `${baseUrl}/api/stock` and `${baseUrl}/api/invoices`. */
  readonly baseUrl: string;
}

/** The ERP simulator as an HTTP server; remote controls under /_sim for a demo in another process. */
export async function startErpFeedSimulator(options: ErpFeedSimulatorOptions = {}): Promise<ErpFeedSimulator> {
  const erp = new SimulatedErpSource(options);
  const server = await serveFeedSimulator(options, {
    feeds: { items: erp.items, stock: erp.stock, invoices: erp.invoices },
    outage: erp.outage,
    tick: (events) => erp.tick(events),
    controls: {
      'set-on-hand': (body) => erp.setOnHand(str(body, 'sku'), str(body, 'warehouseCode'), num(body, 'onHandQty')),
      receive: (body) => erp.receive(str(body, 'sku'), str(body, 'warehouseCode'), num(body, 'qty')),
      adjust: (body) => erp.adjust(str(body, 'sku'), str(body, 'warehouseCode'), num(body, 'delta')),
      'add-item': (body) =>
        erp.addItem({ itemNumber: str(body, 'sku'), description: typeof body['description'] === 'string' ? body['description'] : str(body, 'sku') }),
      'delete-item': (body) => erp.deleteItem(str(body, 'sku')),
      'bad-record': (body) => erp.injectBadRecord(str(body, 'kind') as BadErpRecord),
    },
  });
  return { erp, ...server };
}
