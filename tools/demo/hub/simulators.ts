import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSpApiSimulator, type SpApiSimulator } from '@crossdock/channel-adapters/sp-api';
import {
  SIMULATED_ERP_WAREHOUSE_MAP,
  SIMULATED_WMS_FACILITY_MAP,
  startErpFeedSimulator,
  startWmsFeedSimulator,
  type AutoFulfilment,
  type ErpFeedSimulator,
  type WmsFeedSimulator,
} from '@crossdock/connectors/simulators';
import { startErpSimulator, type ErpSimulator } from '@crossdock/erp/simulator';
import { simulatorsNeeded, type Endpoints } from './hub-config';

/** The simulated systems around the hub, in this process, so the demo can drive and inspect them. */
export interface Simulators {
  readonly erpOrders: ErpSimulator | null;
  readonly erpFeed: ErpFeedSimulator | null;
  readonly wmsFeed: WmsFeedSimulator | null;
  readonly spApi: SpApiSimulator | null;
  stop(): Promise<void>;
}

export interface SimulatorSettings {
  readonly seed: number;
  readonly itemCount: number;
  /** Random stock movements per simulator every this many ms; 0 = only what the caller does. */
  readonly activityMs: number;
  /** Fixed ports (npm start, so real clients can be pointed at them) or 0 (any free port). */
  readonly ports: { readonly erpFeed: number; readonly wmsFeed: number; readonly erpOrders: number; readonly spApi: number };
  readonly workDir: string;
  readonly referenceDataDir: string | null;
}

const SP_API_TOKEN = 'Atza|crossdock-simulator-token';
const DEMO_SHOPIFY_SECRET = 'shpss_crossdock_demo_secret';
const DEMO_CARRIER_SECRET = 'easypost_crossdock_demo_webhook_secret';

/** Starts a simulator for every system the environment does not name, and says where everything is. */
export async function startSimulators(env: NodeJS.ProcessEnv, settings: SimulatorSettings): Promise<{ simulators: Simulators; endpoints: Endpoints }> {
  const needed = simulatorsNeeded(env);
  const activity = settings.activityMs > 0 ? settings.activityMs : undefined;
  const host = env['CROSSDOCK_SIMULATOR_HOST'] ?? '127.0.0.1';
  const erpOrders = needed.erpOrders ? await startErpSimulator({ host, port: settings.ports.erpOrders }) : null;
  const erpFeed = needed.erpFeed
    ? await startErpFeedSimulator({ host, seed: settings.seed, itemCount: settings.itemCount, port: settings.ports.erpFeed, activityIntervalMs: activity })
    : null;
  const wmsFeed = needed.wmsFeed
    ? await startWmsFeedSimulator({
        host,
        seed: settings.seed,
        itemCount: settings.itemCount,
        port: settings.ports.wmsFeed,
        activityIntervalMs: activity,
        autoFulfilment: autoFulfilmentFromEnv(env),
      })
    : null;
  const spApi = needed.spApi ? await startSpApiSimulator({ host, port: settings.ports.spApi, accessToken: SP_API_TOKEN }) : null;

  const ediInboxDir = env['EDI_INBOX_DIR'] ?? join(settings.workDir, 'edi', 'inbox');
  const ediOutboxDir = env['EDI_OUTBOX_DIR'] ?? join(settings.workDir, 'edi', 'outbox');
  mkdirSync(ediInboxDir, { recursive: true });
  mkdirSync(ediOutboxDir, { recursive: true });

  const endpoints: Endpoints = {
    erpOrdersUrl: erpOrders?.baseUrl ?? null,
    erpFeedUrl: env['ERP_BASE_URL'] ?? erpFeed?.baseUrl ?? '',
    erpWarehouseMap: env['ERP_WAREHOUSE_MAP'] ?? SIMULATED_ERP_WAREHOUSE_MAP,
    wmsFeedUrl: env['WMS_BASE_URL'] ?? wmsFeed?.baseUrl ?? '',
    wmsFacilityMap: env['WMS_FACILITY_MAP'] ?? SIMULATED_WMS_FACILITY_MAP,
    spApiUrl: env['SP_API_ENDPOINT'] ?? spApi?.baseUrl ?? null,
    spApiAccessToken: spApi ? SP_API_TOKEN : null,
    spApiSimulated: spApi !== null,
    shopifySecret: env['SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR'] ?? DEMO_SHOPIFY_SECRET,
    carrierWebhookSecret: env['EASYPOST_WEBHOOK_SECRET'] ?? DEMO_CARRIER_SECRET,
    ediInboxDir,
    ediOutboxDir,
    referenceDataDir: env['REFERENCE_DATA_DIR'] ?? settings.referenceDataDir,
  };
  const simulators: Simulators = {
    erpOrders,
    erpFeed,
    wmsFeed,
    spApi,
    stop: async () => {
      await Promise.all([erpOrders?.stop(), erpFeed?.stop(), wmsFeed?.stop(), spApi?.stop()]);
    },
  };
  return { simulators, endpoints };
}

/**
 * The simulated warehouse works its released orders by itself: pick, pack, ship, each step
 * WMS_FULFILMENT_DELAY_MS (1500) after the previous one, short-picking a unit of WMS_SHORT_PICK_CHANCE
 * (0.05) of them and splitting WMS_SPLIT_CHANCE (0.2) of the multi-unit ones into two cartons.
 */
export function autoFulfilmentFromEnv(env: NodeJS.ProcessEnv): AutoFulfilment {
  const number = (name: string, fallback: number, max: number): number => {
    const raw = env[name];
    const value = raw === undefined || raw.trim() === '' ? fallback : Number(raw);
    if (!Number.isFinite(value) || value < 0 || value > max) throw new Error(`${name}=${raw} must be a number from 0 to ${max}`);
    return value;
  };
  return {
    delayMs: number('WMS_FULFILMENT_DELAY_MS', 1500, 86_400_000),
    shortPickChance: number('WMS_SHORT_PICK_CHANCE', 0.05, 1),
    splitChance: number('WMS_SPLIT_CHANCE', 0.2, 1),
  };
}

/** One line per simulator, for the start-up banner. */
export function describeSimulators(simulators: Simulators): string[] {
  return [
    simulators.erpOrders && `ERP (orders, order-ingest)  ${simulators.erpOrders.baseUrl}  (GET /orders, PATCH /_sim/behaviour)`,
    simulators.erpFeed && `ERP (item/stock feeds)      ${simulators.erpFeed.baseUrl}  (POST /_sim/receive|adjust|...)`,
    simulators.wmsFeed && `WMS (feeds, fulfilment API) ${simulators.wmsFeed.baseUrl}  (POST /_sim/allocate|hold|fulfilment-pick|...)`,
    simulators.spApi && `Amazon SP-API               ${simulators.spApi.baseUrl}`,
  ].filter((line): line is string => typeof line === 'string');
}
