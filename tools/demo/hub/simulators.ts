import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startSpApiSimulator, type SpApiSimulator } from '@crossdock/channel-adapters/sp-api';
import {
  linkErpBooks,
  SIMULATED_DALLAS_PARTNER,
  SIMULATED_ERP_WAREHOUSE_MAP,
  SIMULATED_WMS_FACILITY_MAP,
  startCarrierSimulator,
  startErpFeedSimulator,
  startParcelHandoff,
  startSimulatedThirdParty,
  startWmsFeedSimulator,
  type CarrierSimulator,
  type SimulatedThirdParty,
  type ShippedParcel,
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
  /** The parcel carrier (EasyPost-shaped tracker webhooks to carrier-connector). */
  readonly carrier: CarrierSimulator;
  /** The Dallas 3PL on its two EDI folders (940 in, 997 and 945 out); null when THIRD_PARTY_MAILBOXES names real ones. */
  readonly thirdParty: SimulatedThirdParty | null;
  stop(): Promise<void>;
}

export interface SimulatorSettings {
  readonly seed: number;
  readonly itemCount: number;
  /** Random stock movements per simulator every this many ms; 0 = only what the caller does. */
  readonly activityMs: number;
  /** Fixed ports (npm start, so real clients can be pointed at them) or 0 (any free port). */
  readonly ports: { readonly erpFeed: number; readonly wmsFeed: number; readonly erpOrders: number; readonly spApi: number; readonly carrier: number };
  readonly workDir: string;
  readonly referenceDataDir: string | null;
  /** carrier-connector's EasyPost webhook endpoint, where the carrier simulator posts. */
  readonly carrierWebhookUrl: string;
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
  const carrierWebhookSecret = env['EASYPOST_WEBHOOK_SECRET'] ?? DEMO_CARRIER_SECRET;
  const carrier = await startCarrierSimulator({
    host,
    seed: settings.seed,
    webhookUrl: settings.carrierWebhookUrl,
    secret: carrierWebhookSecret,
    stepDelayMs: 1000,
  });
  // The simulated ERP's goods issues lower its on-hand and post invoices to its document feed.
  const unlinkErp = erpOrders && erpFeed ? linkErpBooks(erpOrders.erp, erpFeed.erp) : () => undefined;
  // The 3PL's folders: the hub drops 940s in to-3pl and reads the 3PL's 997s and 945s from from-3pl.
  const toThirdParty = join(settings.workDir, '3pl', 'dallas', 'to-3pl');
  const fromThirdParty = join(settings.workDir, '3pl', 'dallas', 'from-3pl');
  const thirdParty = env['THIRD_PARTY_MAILBOXES']
    ? null
    : await startSimulatedThirdParty({
        partner: SIMULATED_DALLAS_PARTNER,
        inboundDir: toThirdParty,
        outboundDir: fromThirdParty,
        seed: settings.seed,
        autoShip: { afterMs: autoFulfilmentFromEnv(env).delayMs * 2, shortPickChance: 0.05, splitChance: 0.2 },
      });
  thirdParty?.start(500);
  const stopHandoff = startParcelHandoff(carrier, [
    ...(wmsFeed ? [() => shippedCartons(wmsFeed)] : []),
    ...(thirdParty ? [() => thirdPartyCartons(thirdParty)] : []),
  ]);

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
    carrierWebhookSecret,
    thirdPartyMailboxes:
      env['THIRD_PARTY_MAILBOXES'] ??
      JSON.stringify([
        {
          locationId: '3PL-DALLAS',
          sourceSystem: '3pl-dallas',
          outboundDir: toThirdParty,
          inboundDir: fromThirdParty,
          ...SIMULATED_DALLAS_PARTNER,
        },
      ]),
    ediInboxDir,
    ediOutboxDir,
    referenceDataDir: env['REFERENCE_DATA_DIR'] ?? settings.referenceDataDir,
  };
  const simulators: Simulators = {
    erpOrders,
    erpFeed,
    wmsFeed,
    spApi,
    carrier,
    thirdParty,
    stop: async () => {
      stopHandoff();
      unlinkErp();
      await thirdParty?.stop();
      await Promise.all([erpOrders?.stop(), erpFeed?.stop(), wmsFeed?.stop(), spApi?.stop(), carrier.stop()]);
    },
  };
  return { simulators, endpoints };
}

function* shippedCartons(wmsFeed: WmsFeedSimulator): Iterable<ShippedParcel> {
  for (const request of wmsFeed.wms.fulfilment.all()) {
    for (const carton of request.cartons) {
      if (carton.shipped && carton.trackingNumber) yield { carrier: carton.carrier, trackingNumber: carton.trackingNumber, cartonId: carton.cartonId };
    }
  }
}

function* thirdPartyCartons(thirdParty: SimulatedThirdParty): Iterable<ShippedParcel> {
  for (const advice of thirdParty.books.advicesSent) {
    const carrier = thirdParty.books.orders.get(advice.depositorOrder)?.carrierCode ?? 'UPS';
    for (const trackingNumber of advice.trackingNumbers) yield { carrier, trackingNumber, cartonId: `${advice.shipmentId}:${trackingNumber}` };
  }
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
    `Carrier (EasyPost trackers) ${simulators.carrier.baseUrl}  (webhooks to carrier-connector; POST /_sim/journey|advance|books)`,
  ].filter((line): line is string => typeof line === 'string');
}
