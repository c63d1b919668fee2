// `npm run chaos`: the demo's day (same traffic, same invariants) with several instances of every
// service behind front doors, while a seeded fault schedule kills and restarts instances, the Kafka
// broker, PostgreSQL and the registry, slows the ERP and forces a rebalance. Killed instances are
// restarted, as an orchestrator would. Prints the schedule, the day's summary and a recovery report;
// exits 0 only when every invariant holds and every instance stopped cleanly.
// CHAOS_SEED (42), CHAOS_PROFILE (full | short: every fault kind once, shorter outages; CI),
// CHAOS_INSTANCES (2); the day's size as for the demo (DEMO_MINUTES / DEMO_SECONDS, DEMO_RATE).
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '@crossdock/testing';
import { chaosInvariants, faultRecoveries, formatChaosReport } from './chaos/chaos-report';
import { ConsumerLagSampler } from './hub/consumer-lag.sampler';
import { describeFault, planFaults } from './chaos/fault-schedule';
import { FaultInjector, type FaultRecord } from './chaos/fault.injector';
import { StackControl } from './chaos/stack.control';
import { planDay } from './day/day-script';
import { demoConfigFromEnv } from './day/demo-config';
import { runDay } from './day/day.runner';
import { setUpDay } from './day/day.setup';
import { freshDayUnlessNamespaced, type FreshDay } from './hub/fresh-day';
import { HUB_SERVICES } from './hub/hub-config';
import { dayHubOptions, launchHub, type Hub } from './hub/hub.launcher';
import { isWarningOrWorse } from './hub/log-line.format';
import { ServiceDiedError, type InstanceEnd, type InstanceEvent } from './hub/supervisor';
import { interruption, InterruptedError, launchUnlessInterrupted } from './hub/interruption';

const CHAOS_SETTLE_MS = 300_000;

async function main(): Promise<number> {
  const began = Date.now();
  const log = (line: string) => console.log(line);
  const demo = demoConfigFromEnv(process.env);
  // The last faults (the registry down a minute at four fifths of the day) leave the hub catching up
  // after the traffic, and on two cores fourteen instances need more than the demo's two minutes to
  // drain that backlog. The run judges what was lost or doubled, not how fast it drained; recovery
  // times and lag are reported.
  const config = process.env['DEMO_SETTLE_SECONDS'] === undefined ? { ...demo, settleTimeoutMs: CHAOS_SETTLE_MS } : demo;
  const seed = Number(process.env['CHAOS_SEED'] ?? 42);
  const profile = process.env['CHAOS_PROFILE'] === 'short' ? 'short' : 'full';
  const instances = Number(process.env['CHAOS_INSTANCES'] ?? 2);
  if (!Number.isInteger(seed) || !Number.isInteger(instances) || instances < 1) throw new Error('CHAOS_SEED and CHAOS_INSTANCES must be whole numbers');
  const script = planDay(config);
  const outage = script.phases.find((p) => p.name === 'erp-outage');
  const faults = planFaults({
    seed,
    durationMs: config.durationMs,
    services: HUB_SERVICES,
    instances,
    erpOutage: { fromMs: outage?.fromMs ?? 0, toMs: outage?.toMs ?? 0 },
    profile,
  });
  log(`[chaos] seed ${seed} (CHAOS_SEED), profile ${profile}, ${instances} instances of every service, ${Math.round(config.durationMs / 1000)} s of traffic`);
  for (const fault of faults) log(`[chaos]   ${describeFault(fault)}`);

  // Faults make services log a great deal (every refused connection while the broker is down):
  // their warnings go to a file, the terminal keeps the run's own lines.
  const serviceLogPath = process.env['CHAOS_SERVICE_LOG'] ?? join(tmpdir(), `crossdock-chaos-${seed}-${began}.log`);
  const serviceLog = createWriteStream(serviceLogPath);
  let serviceLines = 0;
  log(`[chaos] service warnings and errors: ${serviceLogPath}`);
  const instanceEvents: InstanceEvent[] = [];
  let hub: Hub | undefined;
  let fresh: FreshDay | null = null;
  let ends: InstanceEnd[] = [];
  let lag: ConsumerLagSampler | undefined;
  const interrupted = interruption();
  try {
    fresh = await freshDayUnlessNamespaced(process.env, log);
    const launching = launchHub({
      ...dayHubOptions(config),
      instances,
      restartAfterMs: 2000,
      onInstanceEvent: (event) => instanceEvents.push(event),
      keepLine: isWarningOrWorse,
      write: (line) => {
        if (line.includes('] ready on ')) log(line);
        else {
          serviceLines++;
          serviceLog.write(`${line}\n`);
        }
      },
      log,
    });
    hub = await launchUnlessInterrupted(launching, interrupted);
    const erp = hub.simulators.erpOrders?.erp;
    if (!erp) throw new Error('the chaos run needs the ERP simulator');
    const day = setUpDay(config, script, hub, 'crossdock-chaos');
    lag = new ConsumerLagSampler(
      day.kafka,
      HUB_SERVICES.map((s) => `${day.namespace}${s}`),
    );
    await lag.start();
    const injector = new FaultInjector(faults, { supervisor: hub.supervisor, stack: new StackControl(), erp }, log);
    let trafficStartedAt = Date.now();
    let played: Promise<FaultRecord[]> = Promise.resolve([]);
    const result = await Promise.race([
      runDay({
        config,
        script,
        hub,
        ...day,
        log,
        stackJaegerLine: () => null,
        began,
        instancesRestart: true,
        onTrafficStart: (at) => {
          trafficStartedAt = at;
          played = injector.play(at);
        },
      }),
      hub.supervisor.deathWatch(),
      interrupted,
    ]);
    const records = await played;
    const atEnd = { allReady: await hub.supervisor.allAnswerReady(), lag: await lag.lagNow() };
    await lag.stop();
    log('[chaos] stopping every instance (SIGTERM)');
    ends = await hub.stop();
    hub = undefined;
    const run = { trafficStartedAt, records, instanceEvents, lag: lag.samples, facts: result.facts, ends, atEnd };
    const recoveries = faultRecoveries(run);
    const invariants = chaosInvariants(run, recoveries);
    log(formatChaosReport(run, recoveries, invariants));
    log(`service warnings and errors: ${serviceLines} lines in ${serviceLogPath}`);
    const passed = result.passed && invariants.every((i) => i.ok);
    log(passed ? 'CHAOS PASSED: every invariant holds' : 'CHAOS FAILED: see the invariants above');
    return passed ? 0 : 1;
  } finally {
    await lag?.stop().catch(() => undefined);
    if (hub) await hub.stop();
    if (fresh && process.env['DEMO_KEEP_DATA'] === '1') log(`[chaos] DEMO_KEEP_DATA=1: topics under ${fresh.namespace} and the day's databases are kept`);
    else await fresh?.drop();
    // The broker, database or registry a fault left down (a failed restart) is brought back for the next run.
    spawnSync('bash', ['infra/stack/stack.sh', 'up'], { cwd: REPO_ROOT, stdio: 'ignore' });
    serviceLog.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ServiceDiedError || error instanceof InterruptedError ? `[chaos] FAILED: ${error.message}` : error);
    process.exit(1);
  },
);
