import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { skuCatalog } from '@crossdock/connectors/simulators';
import { HUB_SERVICES, serviceEnv, servicePort, type Endpoints, type HubService } from './hub-config';
import { writeDemoReferenceData } from './reference-data.writer';
import { describeSimulators, startSimulators, type Simulators } from './simulators';
import { loadStackEnv, prepareBackbone } from './stack.env';
import { Supervisor, type SupervisorOptions } from './supervisor';

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
  stop(): Promise<void>;
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
    await supervisor.stop();
    await simulators.stop();
  };
  try {
    await supervisor.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { supervisor, simulators, endpoints, baseUrl: (service) => supervisor.process(service).baseUrl, stop };
}
