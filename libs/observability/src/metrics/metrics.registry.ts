import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Crossdock metric names follow `crossdock_<area>_<what>_<unit>` in snake_case, e.g.
 * `crossdock_orders_submitted_total`, `crossdock_kafka_consume_duration_seconds`,
 * `crossdock_erp_queue_depth_messages`. Units are Prometheus base units (seconds, bytes) and
 * counters end in `_total`, so dashboards and alerts can be written without reading the code.
 * Node's default process metrics keep their standard names, which stock dashboards expect.
 */
const METRIC_NAME = /^crossdock_[a-z][a-z0-9]*(_[a-z0-9]+)+$/;

type MetricKind = 'counter' | 'histogram' | 'gauge';
type AnyMetric = Counter<string> | Histogram<string> | Gauge<string>;

interface Registered {
  kind: MetricKind;
  labelNames: string;
  metric: AnyMetric;
}

export interface MetricsRegistryOptions {
  serviceName?: string;
  /** Process CPU, memory, event-loop lag and GC metrics; on unless a test turns them off. */
  defaultMetrics?: boolean;
}

/**
 * One prom-client registry per process, labelled with the service. Asking twice for the same
 * metric returns the same instance, so two modules that both count consumed messages share one
 * series instead of crashing on prom-client's duplicate-registration error.
 */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly registered = new Map<string, Registered>();

  constructor(options: MetricsRegistryOptions = {}) {
    if (options.serviceName) this.setServiceName(options.serviceName);
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Applied at scrape time, so metrics created before the service name was known get it too. */
  setServiceName(serviceName: string): void {
    this.registry.setDefaultLabels({ service: serviceName });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text for `GET /metrics`. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return this.getOrCreate(name, 'counter', labelNames, () => {
      if (!name.endsWith('_total')) throw new Error(`Counter ${name} must end in _total`);
      return new Counter<L>({ name, help, labelNames, registers: [this.registry] });
    });
  }

  histogram<L extends string>(name: string, help: string, labelNames: readonly L[] = [], buckets?: number[]): Histogram<L> {
    return this.getOrCreate(name, 'histogram', labelNames, () => {
      return new Histogram<L>({ name, help, labelNames, registers: [this.registry], ...(buckets ? { buckets } : {}) });
    });
  }

  gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> {
    return this.getOrCreate(name, 'gauge', labelNames, () => new Gauge<L>({ name, help, labelNames, registers: [this.registry] }));
  }

  private getOrCreate<M extends AnyMetric>(name: string, kind: MetricKind, labelNames: readonly string[], create: () => M): M {
    const labels = [...labelNames].sort().join(',');
    const existing = this.registered.get(name);
    if (existing) {
      // A same-named metric with another shape is a programming error that would corrupt the series.
      if (existing.kind !== kind || existing.labelNames !== labels) {
        throw new Error(
          `Metric ${name} is already registered as a ${existing.kind} with labels [${existing.labelNames}]; ` +
            `cannot reuse it as a ${kind} with labels [${labels}]`,
        );
      }
      // Same name, kind and label names: the instance made for the first caller fits this one.
      return existing.metric as M;
    }
    if (!METRIC_NAME.test(name)) {
      throw new Error(`Metric name ${name} does not follow crossdock_<area>_<what>_<unit> (snake_case)`);
    }
    const metric = create();
    this.registered.set(name, { kind, labelNames: labels, metric });
    return metric;
  }
}
