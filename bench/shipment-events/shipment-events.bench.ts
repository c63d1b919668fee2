// `npm run bench:shipment-events`: shipment-events end to end on the local stack (WMS ship facts and
// carrier tracking updates in -> milestones and channel updates published by the real service),
// `BENCH_RUNS` times (default 3), each with its own backbone round measured just before, so every
// ratio compares like with like; the report shows medians and spreads (bench/README.md). The service
// runs in its own process, started like `nx serve shipment-events`, so its RSS and CPU are its own.
import { cpus } from 'node:os';
import { join } from 'node:path';
import { topicsOf } from '@crossdock/contracts';
import { applyContracts, AvroSerde, createIdempotentProducer, createKafka, createSchemaRegistry, EventPublisher } from '@crossdock/messaging';
import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, createTestNamespace, dropTestNamespace, stackEnv } from '@crossdock/testing';
import { measureBackboneBaseline } from '../backbone/backbone-baseline';
import type { BackboneSummary } from '../backbone/backbone-report';
import { cpuMsByGroup, PROCESS_GROUPS, processCpuSnapshot, type ProcessGroup } from '../lib/process-cpu';
import { writeResult } from '../lib/results';
import { ServiceProcess } from '../lib/service.process';
import { ensureStack, REPO_ROOT } from '../lib/stack';
import { formatNumber, formatTable, repeat, spreadOf, type Spread } from '../lib/stats';
import { shipmentEventsBenchConfig, type ShipmentEventsBenchConfig } from './shipment-events-bench.config';
import { acceptOrders, measureLatency, measureSustained, ShipmentOutputs, shipOrders, type LatencyResult, type SustainedResult } from './shipment-flow.measure';
import { benchShipment, type BenchShipment } from './shipment-flow.samples';

const SEED_TIMEOUT_MS = 600_000;

interface RunResult {
  readonly backboneE2ePerSec: number;
  readonly backboneP99Ms: number;
  readonly readyMs: number;
  readonly sustained: SustainedResult;
  readonly ratio: number;
  readonly latency: LatencyResult;
  readonly rssAfterSustained: number;
  readonly rssAtEnd: number;
  /** CPU ms per milestone during the sustained run, per process group (PostgreSQL and Kafka serve the whole machine). */
  readonly cpuMsPerMilestone: Record<ProcessGroup, number> | null;
}

function shipments(label: string, count: number): BenchShipment[] {
  return Array.from({ length: count }, (_, i) => benchShipment(label, i));
}

async function benchRun(config: ShipmentEventsBenchConfig, run: number): Promise<RunResult> {
  const env = stackEnv();
  const baseline: BackboneSummary = await measureBackboneBaseline(`bench-se-bb${run}`, 1);

  const namespace = createTestNamespace('bench-se');
  const kafka = createKafka('crossdock-bench-shipment-events', env.kafkaBrokers);
  const registry = createSchemaRegistry(env.schemaRegistryUrl);
  const serde = new AvroSerde(registry, namespace);
  const producer = createIdempotentProducer(kafka);
  const publisher = new EventPublisher(producer, serde, namespace, 'shipment-events-bench');
  const database = await createTestDatabase('shipment_events_bench');
  const outputs = new ShipmentOutputs(kafka, serde, namespace);
  let service: ServiceProcess | undefined;
  try {
    await applyContracts({ kafka, registry, namespace, topics: topicsOf('shipment-events'), log: { info: () => undefined, warn: () => undefined } });
    await applyMigrations(join(REPO_ROOT, 'apps/shipment-events/prisma/schema.prisma'), database.url);
    await producer.connect();
    await outputs.start();

    console.error(`[bench] run ${run}: starting shipment-events...`);
    service = new ServiceProcess(
      'shipment-events',
      {
        SERVICE_NAME: 'shipment-events',
        TOPIC_NAMESPACE: namespace,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
        DATABASE_URL: database.url,
        // Like the backbone: no tracing, so ratios compare the same work.
        ...(process.env['BENCH_TRACING'] === '1' ? { OTEL_EXPORTER_OTLP_ENDPOINT: env.otlpEndpoint } : { OTEL_SDK_DISABLED: 'true' }),
        LOG_LEVEL: 'warn',
      },
      15_000 + Math.floor(Math.random() * 1_000),
    );
    service.start();
    const readyMs = await service.waitReady(300_000);

    const warm = shipments(`w${run}`, config.warmupOrders);
    const tracked = shipments(`t${run}`, config.trackedOrders);
    const toShip = shipments(`s${run}`, config.shipOrders);
    const pool = shipments(`l${run}`, config.latencyPackages);
    console.error(
      `[bench] run ${run}: seeding ${warm.length + tracked.length + toShip.length + pool.length} accepted orders, shipping ${warm.length + tracked.length + pool.length}...`,
    );
    await acceptOrders(publisher, outputs, [...warm, ...tracked, ...toShip, ...pool], SEED_TIMEOUT_MS);
    await shipOrders(publisher, outputs, [...warm, ...tracked, ...pool], SEED_TIMEOUT_MS);
    console.error(`[bench] run ${run}: warm-up...`);
    await measureSustained(publisher, outputs, [], warm, SEED_TIMEOUT_MS);

    console.error(`[bench] run ${run}: sustained (${toShip.length} ship facts, ${tracked.length * 3} carrier updates)...`);
    const cpuStart = processCpuSnapshot(service.pid);
    const sustained = await measureSustained(publisher, outputs, toShip, tracked, SEED_TIMEOUT_MS);
    const cpuEnd = processCpuSnapshot(service.pid);
    const rssAfterSustained = await service.metric('process_resident_memory_bytes');
    const cpuMsPerMilestone = cpuStart && cpuEnd ? perMilestone(cpuMsByGroup(cpuStart, cpuEnd), sustained.milestones) : null;

    const halfLoad = Math.max(1, Math.round(sustained.milestonesPerSec / 2));
    console.error(`[bench] run ${run}: carrier update -> channel update at half load (${halfLoad}/s for ${config.latencySeconds} s)...`);
    const latency = await measureLatency(publisher, outputs, pool, halfLoad, config.latencySeconds);
    const rssAtEnd = await service.metric('process_resident_memory_bytes');
    const backboneE2ePerSec = baseline.kafkajsEndToEndPerSec.median;
    return {
      backboneE2ePerSec,
      backboneP99Ms: baseline.latencyP99Ms.median,
      readyMs,
      sustained,
      ratio: sustained.milestonesPerSec / backboneE2ePerSec,
      latency,
      rssAfterSustained,
      rssAtEnd,
      cpuMsPerMilestone,
    };
  } finally {
    await service?.stop();
    await outputs.stop();
    await producer.disconnect();
    await dropTestNamespace(kafka, env.schemaRegistryUrl, namespace);
    await database.drop();
  }
}

function perMilestone(used: Record<ProcessGroup, number>, milestones: number): Record<ProcessGroup, number> {
  return Object.fromEntries(PROCESS_GROUPS.map((group) => [group, used[group] / milestones])) as Record<ProcessGroup, number>;
}

/** What one milestone costs the processes this bench drives, leaving out the registry and whatever else runs on the machine. */
function ownCost(ms: Record<ProcessGroup, number> | null): number {
  return ms ? ms.service + ms.postgres + ms.kafka + ms.bench : Number.NaN;
}

function row(measure: string, spread: Spread, target = '', met?: boolean) {
  const range = spread.runs > 1 ? `${formatNumber(spread.min)}–${formatNumber(spread.max)}` : '';
  return { measure, median: formatNumber(spread.median), [`range (${spread.runs} runs)`]: range, target, met: met === undefined ? '' : met ? 'yes' : 'no' };
}

async function main(): Promise<void> {
  const config = shipmentEventsBenchConfig();
  ensureStack();
  const results = await repeat(config.runs, (run) => benchRun(config, run));
  const of = (pick: (r: RunResult) => number) => spreadOf(results, pick);
  const ratio = of((r) => r.ratio);
  const p99 = of((r) => r.latency.p99Ms);
  const rss = of((r) => Math.max(r.rssAfterSustained, r.rssAtEnd) / 2 ** 20);
  const withCpu = results.filter((r) => r.cpuMsPerMilestone !== null);
  const cpuRows =
    withCpu.length === 0
      ? []
      : [
          ...PROCESS_GROUPS.map((group) =>
            row(
              `CPU ms per milestone, sustained: ${group}`,
              spreadOf(withCpu, (r) => r.cpuMsPerMilestone?.[group] ?? Number.NaN),
            ),
          ),
          row(
            `milestones/s ${cpus().length} cores allow at the service + PostgreSQL + Kafka + bench cost`,
            spreadOf(withCpu, (r) => (cpus().length * 1000) / ownCost(r.cpuMsPerMilestone)),
          ),
        ];
  const rows = [
    row(
      'milestones/s, sustained (facts in -> milestones consumed)',
      of((r) => r.sustained.milestonesPerSec),
    ),
    row(
      'backbone kafkajs produce->consume msg/s (same run)',
      of((r) => r.backboneE2ePerSec),
    ),
    row('ratio milestones/s : backbone msg/s', ratio, '>= 0.1', ratio.median >= 0.1),
    row(
      'half load: carrier updates/s asked',
      of((r) => r.latency.targetPerSec),
    ),
    row(
      'half load: carrier updates/s achieved',
      of((r) => r.latency.achievedPerSec),
    ),
    row(
      'carrier update -> channel update p50 (ms)',
      of((r) => r.latency.p50Ms),
    ),
    row('carrier update -> channel update p99 (ms)', p99, '<= 250', p99.median <= 250),
    row(
      'carrier update -> channel update max (ms)',
      of((r) => r.latency.maxMs),
    ),
    row(
      'backbone e2e p99 (ms, same run)',
      of((r) => r.backboneP99Ms),
    ),
    row('service RSS, highest of after sustained / at end (MiB)', rss, '<= 300', rss.median <= 300),
    ...cpuRows,
    row(
      'cold start to ready (s)',
      of((r) => r.readyMs / 1000),
    ),
  ];
  console.log(formatTable(rows));
  const file = writeResult('shipment-events', { config, runs: results });
  console.error(`[bench] wrote ${file}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
