import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skuCatalog } from '@crossdock/connectors/simulators';
import { HUB_SERVICES, serviceEnv, servicePort, type Endpoints, type HubService } from './hub-config';
import { writeDemoReferenceData } from './reference-data.writer';
import { describeSimulators, startSimulators, type Simulators } from './simulators';
import { loadStackEnv, prepareBackbone } from './stack.env';
import { Supervisor, type InstanceEnd, type SupervisorOptions } from './supervisor';

export interface HubOptions extends SupervisorOptions {
  readonly seed: number;
  readonly itemCount: number;
  readonly simulatorActivityMs: number;
  /** Fixed simulator ports, or 0 for free ones. */
  readonly simulatorPorts: 'fixed' | 'free';
  /** Overrides for the services' environment (e.g. the demo's LOG_LEVEL). */
  readonly serviceOverrides?: Record<string, string>;
  readonly log: (line: string) => void;
}

export interface Hub {
  readonly supervisor: Supervisor;
  readonly simulators: Simulators;
  readonly endpoints: Endpoints;
  readonly baseUrl: (service: HubService) => string;
  /** Stops the services, then the simulators; how each service instance ended. */
  stop(): Promise<InstanceEnd[]>;
}

/**
 * What a scripted day (the demo, the chaos run) starts the hub with: the simulators quiet (the day
 * drives them), free simulator ports, services logging warnings, and ERP timings on the day's scale.
 */
export function dayHubOptions(config: { seed: number; itemCount: number }, env: NodeJS.ProcessEnv = process.env) {
  return {
    seed: config.seed,
    itemCount: config.itemCount,
    simulatorActivityMs: 0,
    simulatorPorts: 'free' as const,
    serviceOverrides: {
      LOG_LEVEL: env['DEMO_SERVICE_LOG_LEVEL'] ?? 'warn',
      // The day's outage lasts seconds, not hours: report waiting orders HELD (ERP_UNAVAILABLE)
      // after 10 s and retry the ERP at least every 2 s, so the drain shows within the day.
      ERP_UNAVAILABLE_NOTICE_AFTER_MS: env['ERP_UNAVAILABLE_NOTICE_AFTER_MS'] ?? '10000',
      ERP_BACKOFF_MAX_MS: env['ERP_BACKOFF_MAX_MS'] ?? '2000',
    },
  };
}

/** Stack, contracts and migrations, simulators, then every service behind one supervisor. */
export async function launchHub(options: HubOptions, env: NodeJS.ProcessEnv = process.env): Promise<Hub> {
  loadStackEnv(env, options.log);
  prepareBackbone(env, options.log);
  const workDir = env['CROSSDOCK_HUB_WORK_DIR'] ?? join(tmpdir(), `crossdock-hub-${env['TOPIC_NAMESPACE'] || 'default'}`);
  const skus = skuCatalog(options.seed, options.itemCount).map((item) => item.sku);
  const referenceDataDir = writeDemoReferenceData(join(workDir, 'reference-data'), skus, `s${options.seed}n${options.itemCount}`);
  const fixed = options.simulatorPorts === 'fixed';
  const { simulators, endpoints } = await startSimulators(env, {
    seed: options.seed,
    itemCount: options.itemCount,
    activityMs: options.simulatorActivityMs,
    ports: fixed
      ? { erpFeed: 4101, wmsFeed: 4102, erpOrders: 4103, spApi: 4104, carrier: 4105 }
      : { erpFeed: 0, wmsFeed: 0, erpOrders: 0, spApi: 0, carrier: 0 },
    workDir,
    referenceDataDir,
    carrierWebhookUrl: `http://127.0.0.1:${servicePort('carrier-connector', env)}/webhooks/easypost`,
  });
  for (const line of describeSimulators(simulators)) options.log(`[hub] simulator: ${line}`);
  options.log(`[hub] EDI drop folder: ${endpoints.ediInboxDir} (997s in ${endpoints.ediOutboxDir})`);
  const merged = { ...env, ...options.serviceOverrides };
  const supervisor = new Supervisor(
    HUB_SERVICES.map((name) => ({
      name,
      port: servicePort(name, env),
      env: { ...serviceEnv(name, merged, endpoints), ...options.serviceOverrides },
    })),
    options,
  );
  const stop = async () => {
    const ends = await supervisor.stop();
    await simulators.stop();
    return ends;
  };
  try {
    await supervisor.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { supervisor, simulators, endpoints, baseUrl: (service) => supervisor.baseUrl(service), stop };
}
