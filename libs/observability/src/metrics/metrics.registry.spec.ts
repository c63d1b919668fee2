import { counter, processMetrics } from './metric.helpers';
import { MetricsRegistry } from './metrics.registry';

describe('MetricsRegistry', () => {
  it('hands two callers asking for the same metric the same instance', () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const fromIngest = metrics.counter('crossdock_orders_received_total', 'Orders received', ['channel']);
    const fromRetry = metrics.counter('crossdock_orders_received_total', 'Orders received', ['channel']);

    expect(fromRetry).toBe(fromIngest);
  });

  it('dedupes histograms and gauges too, regardless of label order', () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    const first = metrics.histogram('crossdock_erp_submit_duration_seconds', 'ERP call time', ['erp', 'outcome'], [0.1, 1]);
    const second = metrics.histogram('crossdock_erp_submit_duration_seconds', 'ERP call time', ['outcome', 'erp']);
    const gauge = metrics.gauge('crossdock_erp_queue_depth_messages', 'Orders waiting for the ERP');

    expect(second).toBe(first);
    expect(metrics.gauge('crossdock_erp_queue_depth_messages', 'Orders waiting for the ERP')).toBe(gauge);
  });

  it('refuses to reuse a name for a different kind or label set', () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });
    metrics.counter('crossdock_orders_received_total', 'Orders received', ['channel']);

    expect(() => metrics.gauge('crossdock_orders_received_total', 'x', ['channel'])).toThrow(/already registered as a counter/);
    expect(() => metrics.counter('crossdock_orders_received_total', 'x', ['channel', 'sku'])).toThrow(/labels/);
  });

  it('enforces the crossdock_<area>_<what>_<unit> naming convention', () => {
    const metrics = new MetricsRegistry({ defaultMetrics: false });

    expect(() => metrics.gauge('queueDepth', 'x')).toThrow(/crossdock_<area>_<what>_<unit>/);
    expect(() => metrics.counter('crossdock_orders_received', 'x')).toThrow(/_total/);
  });

  it('labels every series with the service, including ones created before the name was known', async () => {
    const metrics = new MetricsRegistry();
    metrics.counter('crossdock_orders_received_total', 'Orders received', ['channel']).inc({ channel: 'shopify' });
    metrics.setServiceName('order-ingest');

    const text = await metrics.scrape();
    expect(text).toContain('crossdock_orders_received_total{channel="shopify",service="order-ingest"} 1');
    expect(text).toMatch(/process_cpu_user_seconds_total\{service="order-ingest"\}/);
    expect(metrics.contentType).toContain('text/plain');
  });

  it('offers module-level helpers backed by one process-wide registry', () => {
    const a = counter('crossdock_kafka_messages_consumed_total', 'Messages consumed', ['topic']);
    const b = processMetrics().counter('crossdock_kafka_messages_consumed_total', 'Messages consumed', ['topic']);

    expect(b).toBe(a);
  });
});
