import { Topics, type OrderAccepted } from '@crossdock/contracts';
import { waitFor } from '@crossdock/testing';
import type { TopicRecorder } from '@crossdock/testing';
import { OrderIngestHarness } from '../test-support/order-ingest.harness';
import { acmeOrder } from '../test-support/order-scenarios';

const h = new OrderIngestHarness('erp-adapters');

/** Swapping the ERP is configuration: the same service books through either adapter, unchanged. */
describe('ERP adapters selected by configuration', () => {
  let accepted: TopicRecorder<OrderAccepted>;

  beforeAll(async () => {
    await h.setUp();
    accepted = await h.record(Topics.ordersAccepted);
  });

  afterAll(() => h.tearDown());

  // The cloud ERP answers with its line numbers, which OrderAccepted carries; the flat-file acknowledgement has none.
  const adapters = [
    {
      name: 'cloud ERP REST API',
      via: 'REST',
      lineNumbers: true,
      env: () => ({ ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: h.erp.baseUrl, ERP_SYSTEM: 'cloud-erp' }),
    },
    {
      name: 'legacy ERP flat files',
      via: 'FILE',
      lineNumbers: false,
      env: () => ({
        ERP_ADAPTER: 'flat-file',
        ERP_FILE_DROP_DIR: h.erp.dropDir,
        ERP_FILE_ACK_DIR: h.erp.ackDir,
        ERP_FILE_POLL_MS: '50',
        ERP_SYSTEM: 'legacy-erp',
      }),
    },
  ] as const;

  it.each(adapters.map((a, i) => [a.name, a, i] as const))('books an order through the %s', async (_name, adapter, i) => {
    const { service } = await h.startService(adapter.env());
    try {
      const order = acmeOrder(`400${i}`);
      await h.publishOrders([order]);
      const event = await waitFor(() => accepted.values().find((e) => e.orderId === order.orderId), { what: `OrderAccepted via ${adapter.via}` });
      expect(h.erp.erp.order(order.orderId)).toMatchObject({ via: adapter.via, erpOrderNumber: event.erpOrderNumber, duplicateSubmissions: 0 });
      expect(event.erpSystem).toBe(adapter.env().ERP_SYSTEM);
      expect(event.lines.map((line) => line.erpLineNumber)).toEqual(event.lines.map((_line, n) => (adapter.lineNumbers ? String(n + 1) : null)));
    } finally {
      await service.stop();
    }
  });
});
