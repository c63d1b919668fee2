// `npm run demo`: stack, contracts, migrations, simulators and every service (the `npm start`
// supervisor), then a scripted distributor day through all three channels, a summary and the
// invariants; exits 1 if any invariant fails or a service dies. Size: DEMO_MINUTES / DEMO_SECONDS,
// DEMO_RATE (see day/demo-config.ts).
import { spawnSync } from 'node:child_process';
import { AvroSerde, createKafka, createSchemaRegistry } from '@crossdock/messaging';
import { skuCatalog } from '@crossdock/connectors/simulators';
import { REPO_ROOT, stackEnv } from '@crossdock/testing';
import { prepareFreshDay, type FreshDay } from './hub/fresh-day';
import { launchHub, type Hub } from './hub/hub.launcher';
import { loadStackEnv } from './hub/stack.env';
import { isWarningOrWorse } from './hub/log-line.format';
import { ServiceDiedError } from './hub/supervisor';
import { demoConfigFromEnv } from './day/demo-config';
import { planDay } from './day/day-script';
import { FactsRecorder } from './day/facts.recorder';
import { OrderDocuments } from './day/order-documents';
import { TrafficDriver } from './day/traffic.driver';
import { runDay } from './day/day.runner';

async function main(): Promise<number> {
  const began = Date.now();
  const config = demoConfigFromEnv(process.env);
  const log = (line: string) => console.log(line);
  for (const name of ['ERP_ADAPTER', 'ERP_BASE_URL', 'WMS_BASE_URL', 'SP_API_ENDPOINT']) {
    if (process.env[name]) throw new Error(`the demo drives the simulators; unset ${name} (npm start uses real systems)`);
  }
  const script = planDay(config);
  const orders = script.events.filter((e) => e.kind === 'order').length;
  log(
    `[demo] ${Math.round(config.durationMs / 1000)} s of traffic, ${config.ratePerSecond} orders/s steady (x10 during the promotion): ${orders} orders, ${config.itemCount} SKUs`,
  );

  let hub: Hub | undefined;
  let fresh: FreshDay | null = null;
  try {
    // A caller that names TOPIC_NAMESPACE (the integration test, someone replaying into a namespace) brings its own world.
    if (process.env['TOPIC_NAMESPACE'] === undefined) {
      loadStackEnv(process.env, log);
      fresh = await prepareFreshDay(process.env, log);
    }
    hub = await launchHub({
      seed: config.seed,
      itemCount: config.itemCount,
      simulatorActivityMs: 0,
      simulatorPorts: 'free',
      serviceOverrides: {
        LOG_LEVEL: process.env['DEMO_SERVICE_LOG_LEVEL'] ?? 'warn',
        // The day's outage lasts seconds, not hours: report waiting orders HELD (ERP_UNAVAILABLE)
        // after 10 s and retry the ERP at least every 2 s, so the drain shows within the demo.
        ERP_UNAVAILABLE_NOTICE_AFTER_MS: process.env['ERP_UNAVAILABLE_NOTICE_AFTER_MS'] ?? '10000',
        ERP_BACKOFF_MAX_MS: process.env['ERP_BACKOFF_MAX_MS'] ?? '2000',
      },
      keepLine: isWarningOrWorse,
      log,
    });
    const { erpOrders, erpFeed, wmsFeed, spApi } = hub.simulators;
    if (!erpOrders || !erpFeed || !wmsFeed || !spApi) throw new Error('the demo needs every simulator');

    const env = stackEnv();
    const namespace = process.env['TOPIC_NAMESPACE'] ?? '';
    const kafka = createKafka('crossdock-demo', env.kafkaBrokers);
    const serde = new AvroSerde(createSchemaRegistry(env.schemaRegistryUrl), namespace);
    const since = Date.now();
    const recorder = new FactsRecorder(kafka, serde, namespace, since);
    const skus = skuCatalog(config.seed, config.itemCount).map((i) => i.sku);
    const documents = new OrderDocuments(skus, Math.floor(since / 1000));
    const driver = new TrafficDriver(script, documents, {
      gatewayUrl: hub.baseUrl('channel-gateway'),
      shopifySecret: hub.endpoints.shopifySecret,
      seller: spApi.seller,
      ediInboxDir: hub.endpoints.ediInboxDir,
      erpOrders: erpOrders.erp,
      erpStock: erpFeed.erp,
      wmsStock: wmsFeed.wms,
    });
    const result = await Promise.race([
      runDay({ config, script, hub, recorder, driver, log, jaegerUrl: env.jaegerQueryUrl, stackJaegerLine, began, skus }),
      hub.supervisor.deathWatch(),
    ]);
    return result.passed ? 0 : 1;
  } finally {
    log('[demo] stopping the services (the stack keeps running: npm run stack:down stops it)');
    await hub?.stop();
    if (fresh && process.env['DEMO_KEEP_DATA'] === '1') log(`[demo] DEMO_KEEP_DATA=1: topics under ${fresh.namespace} and the day's databases are kept`);
    else await fresh?.drop();
  }
}

/** The jaeger line of `stack.sh status` (e.g. still being built), when the demo brought the stack up itself. */
function stackJaegerLine(): string | null {
  if (process.env['CROSSDOCK_SKIP_STACK_UP'] === '1') return null;
  const status = spawnSync('bash', ['infra/stack/stack.sh', 'status'], { cwd: REPO_ROOT, encoding: 'utf8' });
  return status.stdout?.split('\n').find((line) => line.startsWith('jaeger ')) ?? null;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ServiceDiedError ? `[demo] FAILED: ${error.message}` : error);
    process.exit(1);
  },
);
