// `npm run bench:availability`: the availability service against issue 4's targets, with ratios to
// the backbone measured in the same run (bench/README.md). The service runs in its own process,
// started like `nx serve availability`, so its RSS and CPU are its own.
import { join } from 'node:path';
import { topicName, topicsOf, Topics } from '@crossdock/contracts';
import { applyContracts, AvroSerde, createKafka, createSchemaRegistry } from '@crossdock/messaging';
import { applyMigrations } from '@crossdock/persistence';
import { createTestDatabase, createTestNamespace, dropTestNamespace, stackEnv } from '@crossdock/testing';
import { measureBackboneBaseline } from '../backbone/backbone-baseline';
import { sleep } from '../lib/clock';
import { writeResult } from '../lib/results';
import { ensureStack, REPO_ROOT } from '../lib/stack';
import { formatNumber, formatTable } from '../lib/stats';
import { availabilityBenchConfig } from './availability-bench.config';
import { ServiceProcess } from '../lib/service.process';
import { measurePublicationDelay } from './publication-delay.measure';
import { benchSku, commitServiceGroupAtEnd, LOCATIONS, seedPositions } from './position-seed';
import { measureHttpFloor } from './http-floor.measure';
import { measureQueryLatency } from './query-latency.measure';
import { bucketQuantile, histogramBuckets, type HistogramBuckets } from './service-histogram';

// The bench's namespace only: the availability topic's records carry the broker's append time, which
// is when a publication exists (publication-delay.measure.ts). The catalog's topic keeps CreateTime.
const channelAvailabilityStamped = {
  ...Topics.channelAvailability,
  configs: { ...Topics.channelAvailability.configs, 'message.timestamp.type': 'LogAppendTime' },
};

// The service's topics from the catalog, with channel availability stamped by the broker on append.
const TOPICS = topicsOf('availability').map((topic) => (topic === Topics.channelAvailability ? channelAvailabilityStamped : topic));

async function main(): Promise<void> {
  const config = availabilityBenchConfig();
  ensureStack();
  const env = stackEnv();

  const baseline = config.skipBackbone ? undefined : await measureBackboneBaseline('bench-avail-bb', config.backboneRuns);

  const namespace = createTestNamespace('bench-avail');
  const kafka = createKafka('crossdock-bench-availability', env.kafkaBrokers);
  const registry = createSchemaRegistry(env.schemaRegistryUrl);
  const serde = new AvroSerde(registry, namespace);
  const database = await createTestDatabase('availability_bench');
  let service: ServiceProcess | undefined;
  try {
    await applyContracts({ kafka, registry, namespace, topics: TOPICS, log: { info: () => undefined, warn: () => undefined } });
    await applyMigrations(join(REPO_ROOT, 'apps/availability/prisma/schema.prisma'), database.url);
    console.error(`[bench] seeding ${config.positions} positions...`);
    const seedPerSec = await seedPositions(kafka, serde, namespace, config.positions);
    await commitServiceGroupAtEnd(kafka, namespace);
    const skus = Math.ceil(config.positions / LOCATIONS.length);

    console.error('[bench] cold start and rebuild...');
    service = new ServiceProcess(
      'availability',
      {
        SERVICE_NAME: 'availability',
        TOPIC_NAMESPACE: namespace,
        KAFKA_BROKERS: env.kafkaBrokers.join(','),
        SCHEMA_REGISTRY_URL: env.schemaRegistryUrl,
        DATABASE_URL: database.url,
        // Like the backbone: no tracing, so ratios compare the same work.
        OTEL_SDK_DISABLED: 'true',
        LOG_LEVEL: 'warn',
      },
      13_000 + Math.floor(Math.random() * 1_000),
    );
    service.start();
    const readyMs = await service.waitReady(600_000);
    const rebuildSeconds = await service.metric('crossdock_availability_rebuild_duration_seconds');
    const rssAfterRebuild = await service.metric('process_resident_memory_bytes');
    const cacheSize = await service.metric('crossdock_availability_cache_sku_locations');
    // The publisher's first term reconciles against the availability topic, empty here: every figure
    // goes out once. Measured on its own, and out of the update delay's way.
    console.error('[bench] first publication of every figure...');
    const takeoverStarted = Date.now();
    await untilPublisherTookOver(service);
    await untilPublicationSettles(service, 2_000, 900_000);
    const takeoverSeconds = (Date.now() - takeoverStarted - 2_000) / 1000;
    const figuresAtTakeover = await service.metric('crossdock_availability_records_published_total');

    console.error('[bench] publication delay...');
    // The service's histograms count the warm-up too: read them when the measured updates begin and subtract.
    const delayMetric = 'crossdock_availability_publication_delay_seconds';
    const lagMetric = 'crossdock_messaging_consume_lag_seconds';
    const positionSeries = `topic="${topicName(Topics.erpInventoryPositions, namespace)}"`;
    const serviceUrl = service.baseUrl;
    let delaySince: HistogramBuckets = [];
    let lagSince: HistogramBuckets = [];
    const delay = await measurePublicationDelay(kafka, serde, namespace, skus, {
      ratePerSec: config.updateRatePerSec,
      seconds: config.updateSeconds,
      warmupSeconds: config.updateWarmupSeconds,
      drainTimeoutMs: 120_000,
      onMeasuring: async () => {
        [delaySince, lagSince] = await Promise.all([histogramBuckets(serviceUrl, delayMetric), histogramBuckets(serviceUrl, lagMetric, positionSeries)]);
      },
    });
    console.error(
      `[bench] delay p99 per half second from ${new Date(delay.measuredFrom).toISOString()} (ms): ${delay.perHalfSecond.map((half) => Math.round(half.p99Ms)).join(' ')}`,
    );
    console.error(`[bench] send lag p50 ${delay.sendLag.p50Ms.toFixed(1)} p99 ${delay.sendLag.p99Ms.toFixed(1)} max ${delay.sendLag.maxMs.toFixed(1)} ms`);
    const delayBuckets = await histogramBuckets(service.baseUrl, delayMetric);
    const serviceDelayP50 = bucketQuantile(delayBuckets, 0.5, delaySince);
    const serviceDelayP99 = bucketQuantile(delayBuckets, 0.99, delaySince);
    // Position record written by the bench -> taken by the service's consumer.
    const lagBuckets = await histogramBuckets(service.baseUrl, lagMetric, positionSeries);
    const consumeLagP50 = bucketQuantile(lagBuckets, 0.5, lagSince);
    const consumeLagP99 = bucketQuantile(lagBuckets, 0.99, lagSince);
    // Queries are measured on their own: the update phase's last publications must not be in them.
    await untilPublicationSettles(service);
    console.error('[bench] query latency (HTTP floor, then the service)...');
    const queryLoad = { ratePerSec: config.queryRatePerSec, seconds: config.querySeconds, warmupSeconds: config.queryWarmupSeconds };
    const sample = await fetch(`${service.baseUrl}/availability?sku=${benchSku(0)}&channelAccountId=edi-summit-outfitters`);
    const floor = await measureHttpFloor((await sample.arrayBuffer()).byteLength, skus, queryLoad);
    const query = await measureQueryLatency(service.baseUrl, skus, queryLoad);
    const rssAtEnd = await service.metric('process_resident_memory_bytes');

    const e2ePerSec = baseline?.kafkajsEndToEndPerSec.median ?? Number.NaN;
    const e2eP99 = baseline?.latencyP99Ms.median ?? Number.NaN;
    const e2eP50 = baseline?.latencyP50Ms.median ?? Number.NaN;
    const rebuildPerSec = config.positions / rebuildSeconds;
    const rows = [
      { measure: 'cold start to ready (s), 1 process', value: formatNumber(readyMs / 1000), target: '', ratio: '' },
      { measure: `rebuild of ${config.positions} positions (s)`, value: formatNumber(rebuildSeconds), target: '<= 20', ratio: '' },
      {
        measure: 'rebuild records/s vs backbone e2e msg/s',
        value: formatNumber(rebuildPerSec),
        target: '',
        ratio: formatNumber(rebuildPerSec / e2ePerSec),
      },
      { measure: 'cache SKU-locations', value: formatNumber(cacheSize), target: '', ratio: '' },
      { measure: 'figures published by the first publisher term (topic empty)', value: formatNumber(figuresAtTakeover), target: '', ratio: '' },
      { measure: 'ready to every figure published (s)', value: formatNumber(takeoverSeconds), target: '', ratio: '' },
      { measure: 'RSS after rebuild (MiB)', value: formatNumber(rssAfterRebuild / 2 ** 20), target: '<= 1024', ratio: '' },
      { measure: 'RSS at end (MiB)', value: formatNumber(rssAtEnd / 2 ** 20), target: '<= 1024', ratio: '' },
      {
        measure: `updates sent (achieved /s of ${config.updateRatePerSec})`,
        value: formatNumber(delay.achievedRatePerSec),
        target: '',
        ratio: '',
      },
      { measure: 'updates reflected in a record / sent', value: `${delay.published}/${delay.sent}`, target: '', ratio: '' },
      {
        measure: 'publication delay p50 (ms), scheduled -> appended',
        value: formatNumber(delay.p50Ms),
        target: '',
        ratio: formatNumber(delay.p50Ms / e2eP50),
      },
      {
        measure: 'publication delay p99 (ms) vs backbone e2e p99',
        value: formatNumber(delay.p99Ms),
        target: '<= 100',
        ratio: formatNumber(delay.p99Ms / e2eP99),
      },
      {
        measure: `warm-up: first ${config.updateWarmupSeconds} s after start, p50 | p99 (ms)`,
        value: `${formatNumber(delay.warmup.p50Ms)} | ${formatNumber(delay.warmup.p99Ms)}`,
        target: '',
        ratio: '',
      },
      {
        measure: 'read back by the bench p50 | p99 (ms), the old measure',
        value: `${formatNumber(delay.readBack.p50Ms)} | ${formatNumber(delay.readBack.p99Ms)}`,
        target: '',
        ratio: '',
      },
      {
        measure: "the bench reader's lag p50 | p99 (ms), not in the delay",
        value: `${formatNumber(delay.readerLag.p50Ms)} | ${formatNumber(delay.readerLag.p99Ms)}`,
        target: '',
        ratio: '',
      },
      {
        measure: "of which the service's consume lag p50 | p99 (ms, bucket bound)",
        value: `${formatNumber(consumeLagP50 * 1000)} | ${formatNumber(consumeLagP99 * 1000)}`,
        target: '',
        ratio: '',
      },
      {
        measure: 'in-service delay p50 | p99 (ms, bucket bound)',
        value: `${formatNumber(serviceDelayP50 * 1000)} | ${formatNumber(serviceDelayP99 * 1000)}`,
        target: '',
        ratio: '',
      },
      {
        measure: `queries sent (achieved /s of ${config.queryRatePerSec}), failures`,
        value: `${formatNumber(query.achievedRatePerSec)}, ${query.failures}`,
        target: '',
        ratio: '',
      },
      { measure: 'query p50 (ms) vs bare HTTP server p50', value: formatNumber(query.p50Ms), target: '', ratio: formatNumber(query.p50Ms / floor.p50Ms) },
      {
        measure: 'query p99 (ms), from schedule, vs bare HTTP p99',
        value: formatNumber(query.p99Ms),
        target: '<= 5',
        ratio: formatNumber(query.p99Ms / floor.p99Ms),
      },
      { measure: 'bare HTTP server p50 | p99 (ms), same load', value: `${formatNumber(floor.p50Ms)} | ${formatNumber(floor.p99Ms)}`, target: '', ratio: '' },
      { measure: 'backbone e2e msg/s | e2e p99 ms', value: `${formatNumber(e2ePerSec)} | ${formatNumber(e2eP99)}`, target: '', ratio: '' },
    ];
    console.log(formatTable(rows));
    const file = writeResult('availability', {
      config,
      backbone: baseline,
      seedPerSec,
      readyMs,
      rebuildSeconds,
      rssAfterRebuild,
      rssAtEnd,
      cacheSize,
      delay,
      serviceDelayP50,
      serviceDelayP99,
      consumeLagP50,
      consumeLagP99,
      query,
      httpFloor: floor,
    });
    console.error(`[bench] wrote ${file}`);
  } finally {
    await service?.stop();
    await dropTestNamespace(kafka, env.schemaRegistryUrl, namespace);
    await database.drop();
  }
}

async function untilPublisherTookOver(service: ServiceProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await service.metric('crossdock_availability_publisher_takeovers_total')) >= 1) return;
    await sleep(100);
  }
  throw new Error(`no availability instance took the publisher role within ${timeoutMs} ms`);
}

async function untilPublicationSettles(service: ServiceProcess, quietMs = 2_000, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = Number.NaN;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const published = await service.metric('crossdock_availability_records_published_total');
    if (published !== last) [last, quietSince] = [published, Date.now()];
    else if (Date.now() - quietSince >= quietMs) return;
    await sleep(250);
  }
  throw new Error(`availability kept publishing for ${timeoutMs} ms after the updates stopped`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
