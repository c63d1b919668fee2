// `npm run demo`: stack, contracts, migrations, simulators and every service (the `npm start`
// supervisor), then a scripted distributor day through all three channels, a summary and the
// invariants; exits 1 if any invariant fails or a service dies. Size: DEMO_MINUTES / DEMO_SECONDS,
// DEMO_RATE (see day/demo-config.ts).
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from '@crossdock/testing';
import { freshDayUnlessNamespaced, type FreshDay } from './hub/fresh-day';
import { dayHubOptions, launchHub, type Hub } from './hub/hub.launcher';
import { isWarningOrWorse } from './hub/log-line.format';
import { ServiceDiedError } from './hub/supervisor';
import { interruption, InterruptedError, launchUnlessInterrupted } from './hub/interruption';
import { demoConfigFromEnv } from './day/demo-config';
import { planDay } from './day/day-script';
import { runDay } from './day/day.runner';
import { setUpDay } from './day/day.setup';

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
  const interrupted = interruption();
  try {
    fresh = await freshDayUnlessNamespaced(process.env, log);
    hub = await launchUnlessInterrupted(launchHub({ ...dayHubOptions(config), keepLine: isWarningOrWorse, log }), interrupted);
    const { recorder, driver, skus, jaegerUrl } = setUpDay(config, script, hub, 'crossdock-demo');
    const result = await Promise.race([
      runDay({ config, script, hub, recorder, driver, log, jaegerUrl, stackJaegerLine, began, skus }),
      hub.supervisor.deathWatch(),
      interrupted,
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
    console.error(error instanceof ServiceDiedError || error instanceof InterruptedError ? `[demo] FAILED: ${error.message}` : error);
    process.exit(1);
  },
);
