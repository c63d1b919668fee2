// `npm run bench:order-ingest`: order-ingest end to end (channel order published -> OrderAccepted
// consumed, through validation, the database, the ERP queue and a zero-latency ERP simulator), with
// ratios to the backbone measured in the same run (bench/README.md). The service runs in its own
// process, started like `nx serve order-ingest`, so its RSS and CPU are its own.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { messageKey, topicsOf, Topics } from '@crossdock/contracts';
import { applyContracts, AvroSerde, createIdempotentProducer, createKafka, EventPublisher, createSchemaRegistry } from '@crossdock/messaging';
import { startErpSimulator } from '@crossdock/erp/simulator';
import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, createTestNamespace, dropTestNamespace, sampleChannelAvailability, sampleItemMaster, stackEnv } from '@crossdock/testing';
import { measureBackboneBaseline } from '../backbone/backbone-baseline';
import { writeResult } from '../lib/results';
import { ensureStack, REPO_ROOT } from '../lib/stack';
import { formatNumber, formatTable } from '../lib/stats';
import { AcceptedWatcher, measureLatency, measureSustained } from './order-flow.measure';
import { orderIngestBenchConfig } from './order-ingest-bench.config';
import { ServiceProcess } from '../lib/service.process';
import { cpuMsByGroup, type ProcessCpuSnapshot, processCpuSnapshot, type ProcessGroup, perOrderRow, totalMs } from '../lib/process-cpu';

const TOPICS = topicsOf('order-ingest');
const SKUS = ['TEE-BLK-M', 'HOODIE-GRY-L', 'CAP-NVY-OS'];

function cpuUsedSince(start: ProcessCpuSnapshot, servicePids: readonly (number | undefined)[]): Record<ProcessGroup, number> | null {
  const end = processCpuSnapshot(servicePids);
  return end && cpuMsByGroup(start, end);
}

/**
 * What each process spent per order, and what that costs allows on this machine's cores: the
 * bench's own client (producer, consumer, ERP simulator) and Kafka take their share of the same
 * cores, so a throughput target is a budget for all of them together.
 */
function cpuRows(
  phase: string,
  used: Record<ProcessGroup, number> | null,
  orders: number,
): Array<{ measure: string; value: string; target: string; ratio: string }> {
  if (!used) return [];
  const allMs = totalMs(used) / orders;
  return [
    { measure: `CPU ms/order, ${phase}: service / PostgreSQL / Kafka / bench / rest`, value: perOrderRow(used, orders), target: '', ratio: '' },
    {
      measure: `CPU ms/order, ${phase}: all -> orders/s the cores allow`,
      value: `${formatNumber(allMs)} -> ${formatNumber((cpus().length * 1000) / allMs)}`,
      target: '',
      ratio: '',
    },
  ];
}

async function main(): Promise<void> {
  const config = orderIngestBenchConfig();
  ensureStack();
  const env = stackEnv();

  const baseline = await measureBackboneBaseline('bench-oi-bb', config.backboneRuns);

  const namespace = createTestNamespace('bench-oi');
  const kafka = createKafka('crossdock-bench-order-ingest', env.kafkaBrokers);
  const registry = createSchemaRegistry(env.schemaRegistryUrl);
  const serde = new AvroSerde(registry, namespace);
  const producer = createIdempotentProducer(kafka);
  const publisher = new EventPublisher(producer, serde, namespace, 'channel-gateway-bench');
  const database = await createTestDatabase('order_ingest_bench');
  const erp = await startErpSimulator({ behaviour: { latencyMs: 0 } });
  const watcher = new AcceptedWatcher(kafka, serde, namespace);
  const instances: ServiceProcess[] = [];
  const pids = () => instances.map((i) => i.pid);
  /** A metric summed over the instances (each counts its own share of the orders). */
  const metric = async (name: string, labels: Record<string, string> = {}) =>
    (await Promise.all(instances.map((i) => i.metric(name, labels)))).reduce((sum, v) => sum + (Number.isNaN(v) ? 0 : v), 0);
  try {
    await applyContracts({ kafka, registry, namespace, topics: TOPICS, log: { info: () => undefined, warn: () => undefined } });
    await applyMigrations(join(REPO_ROOT, 'apps/order-ingest/prisma/schema.prisma'), database.url);
    await producer.connect();
    const items = SKUS.map((sku) => sampleItemMaster({ sku }));
    await publisher.publishMany(
      Topics.itemMaster,
      items.map((i) => ({ key: messageKey(Topics.itemMaster, i), value: i })),
    );
    const stock = SKUS.map((sku) => sampleChannelAvailability(sku, 'acme-outdoor', { 'DC-RENO': 1_000_000_000 }));
    await publisher.publishMany(
      Topics.channelAvailability,
      stock.map((a) => ({ key: messageKey(Topics.channelAvailability, a), value: a })),
    );
    await watcher.start();

    console.error(`[bench] starting ${config.instances} order-ingest instance(s)...`);
    const basePort = 14_000 + Math.floor(Math.random() * 900);
    for (let n = 0; n < config.instances; n++) {
      const service = new ServiceProcess(
        'order-ingest',
        {
          SERVICE_NAME: 'order-ingest',
          TOPIC_NAMESPACE: namespace,
          KAFKA_BROKERS: env.kafkaBrokers.join(','),
          SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
          DATABASE_URL: database.url,
          ERP_ADAPTER: 'rest',
          ERP_REST_BASE_URL: erp.baseUrl,
          // The simulator has no quota here: measure order-ingest, not a throttled ERP.
          ERP_RATE_LIMIT_PER_SECOND: '100000',
          ERP_RATE_LIMIT_BURST: '1000',
          ERP_MAX_IN_FLIGHT: '64',
          // Like the backbone: no tracing, so ratios compare the same work.
          // BENCH_TRACING=1 exports the service's spans to the stack's Jaeger, to see where an order's time goes.
          ...(process.env['BENCH_TRACING'] === '1' ? { OTEL_EXPORTER_OTLP_ENDPOINT: env.otlpEndpoint } : { OTEL_SDK_DISABLED: 'true' }),
          LOG_LEVEL: 'warn',
        },
        basePort + n,
      );
      service.start();
      instances.push(service);
    }
    // Cold start: until the last instance answers ready (they start side by side on the same cores).
    const readyMs = Math.max(...(await Promise.all(instances.map((i) => i.waitReady(300_000)))));

    console.error(`[bench] warm-up (${config.warmupOrders} orders)...`);
    await measureSustained(publisher, watcher, 'warmup', config.warmupOrders, 300_000);
    console.error(`[bench] sustained throughput (${config.orders} orders)...`);
    const sustainedCpu = processCpuSnapshot(pids());
    const sustained = await measureSustained(publisher, watcher, 'sustained', config.orders, 900_000);
    const sustainedUsed = sustainedCpu && cpuUsedSince(sustainedCpu, pids());
    const rssAfterSustained = await metric('process_resident_memory_bytes');
    const halfLoad = Math.max(1, Math.round(sustained.ordersPerSec / 2));
    console.error(`[bench] latency at half load (${halfLoad}/s for ${config.latencySeconds} s)...`);
    const submissions = () => metric('crossdock_order_ingest_erp_calls_total', { kind: 'SUBMIT', outcome: 'DONE' });
    const relayed = () => metric('crossdock_outbox_events_published_total', { topic: 'ordersAccepted' });
    const submittedBefore = await submissions();
    const relayedBefore = await relayed();
    const latencyCpu = processCpuSnapshot(pids());
    const latency = await measureLatency(publisher, watcher, 'latency', halfLoad, config.latencySeconds);
    const latencyUsed = latencyCpu && cpuUsedSince(latencyCpu, pids());
    // What the drainer and the relay did for the latency run: ERP submissions answered, OrderAccepted events published.
    const latencySubmitted = (await submissions()) - submittedBefore;
    const latencyRelayed = (await relayed()) - relayedBefore;
    const rssAtEnd = await metric('process_resident_memory_bytes');
    const duplicates = await metric('crossdock_order_ingest_duplicates_suppressed_total');
    // Where the time goes: the consumer's decision transaction per order, and first seen -> ERP confirmed.
    const intakeMs =
      (1000 * (await metric('crossdock_order_ingest_processing_seconds_sum'))) / (await metric('crossdock_order_ingest_processing_seconds_count'));
    const captureMs = (1000 * (await metric('crossdock_order_ingest_capture_seconds_sum'))) / (await metric('crossdock_order_ingest_capture_seconds_count'));
    const erpStats = erp.erp.stats();
    const expectedOrders = config.warmupOrders + config.orders + Math.round(halfLoad * config.latencySeconds);

    const e2ePerSec = baseline.kafkajsEndToEndPerSec.median;
    const rows = [
      { measure: 'order-ingest instances (BENCH_INSTANCES)', value: String(config.instances), target: '', ratio: '' },
      { measure: 'cold start to ready (s)', value: formatNumber(readyMs / 1000), target: '', ratio: '' },
      {
        measure: 'sustained orders/s (published -> accepted consumed)',
        value: formatNumber(sustained.ordersPerSec),
        target: '>= 2000',
        ratio: formatNumber(sustained.ordersPerSec / e2ePerSec),
      },
      { measure: `latency run: achieved /s of ${halfLoad}`, value: formatNumber(latency.achievedPerSec), target: '', ratio: '' },
      {
        measure: 'latency p50 (ms), from schedule',
        value: formatNumber(latency.p50Ms),
        target: '',
        ratio: formatNumber(latency.p50Ms / baseline.latencyP50Ms.median),
      },
      {
        measure: 'latency p99 (ms), from schedule',
        value: formatNumber(latency.p99Ms),
        target: '<= 150',
        ratio: formatNumber(latency.p99Ms / baseline.latencyP99Ms.median),
      },
      { measure: 'latency max (ms)', value: formatNumber(latency.maxMs), target: '', ratio: '' },
      { measure: 'RSS after sustained run (MiB), all instances', value: formatNumber(rssAfterSustained / 2 ** 20), target: '<= 300 each', ratio: '' },
      { measure: 'RSS at end (MiB), all instances', value: formatNumber(rssAtEnd / 2 ** 20), target: '<= 300 each', ratio: '' },
      { measure: 'mean decision transaction per order (ms), consumer', value: formatNumber(intakeMs), target: '', ratio: '' },
      { measure: 'mean first seen -> ERP confirmed (ms)', value: formatNumber(captureMs), target: '', ratio: '' },
      { measure: 'latency run: ERP submissions done / OrderAccepted relayed', value: `${latencySubmitted} / ${latencyRelayed}`, target: '', ratio: '' },
      ...cpuRows('sustained', sustainedUsed, sustained.orders),
      ...cpuRows('latency run', latencyUsed, Math.round(halfLoad * config.latencySeconds)),
      { measure: 'ERP orders created / orders published', value: `${erpStats.created}/${expectedOrders}`, target: 'equal', ratio: '' },
      {
        measure: 'ERP duplicate submissions, duplicates suppressed',
        value: `${erpStats.duplicateSubmissions}, ${formatNumber(duplicates || 0)}`,
        target: '0, 0',
        ratio: '',
      },
      {
        measure: 'backbone e2e msg/s | e2e p50 / p99 ms',
        value: `${formatNumber(e2ePerSec)} | ${formatNumber(baseline.latencyP50Ms.median)} / ${formatNumber(baseline.latencyP99Ms.median)}`,
        target: '',
        ratio: '',
      },
    ];
    console.log(formatTable(rows));
    const file = writeResult(config.instances === 1 ? 'order-ingest' : `order-ingest-x${config.instances}`, {
      config,
      backbone: baseline,
      readyMs,
      sustained,
      latency,
      rssAfterSustained,
      rssAtEnd,
      erpStats,
      expectedOrders,
      intakeMs,
      captureMs,
      latencySubmitted,
      latencyRelayed,
      cpuMs: { sustained: sustainedUsed, latency: latencyUsed },
    });
    console.error(`[bench] wrote ${file}`);
  } finally {
    for (const instance of instances) await instance.stop();
    await watcher.stop();
    await producer.disconnect();
    await erp.stop();
    await dropTestNamespace(kafka, env.schemaRegistryUrl, namespace);
    await database.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
