import { readServicesManifest } from '@crossdock/tools/services';

const manifest = readServicesManifest();

/** The services `npm start` supervises, in start order (producers of the tables first): infra/services.json. */
export const HUB_SERVICES: readonly string[] = manifest.services.map((service) => service.name);
/** A service of infra/services.json. */
export type HubService = string;

type Env = Readonly<Record<string, string | undefined>>;

const DEFAULT_PORTS: ReadonlyMap<HubService, number> = new Map(manifest.services.map((service) => [service.name, service.port]));

/** `order-ingest` -> `ORDER_INGEST`, the suffix of DATABASE_URL_<SERVICE> and CROSSDOCK_<SERVICE>_PORT. */
export function envSuffix(service: string): string {
  return service.toUpperCase().replace(/-/g, '_');
}

export function servicePort(service: HubService, env: Env): number {
  const fallback = DEFAULT_PORTS.get(service);
  if (fallback === undefined) throw new Error(`${service} is not a service of infra/services.json`);
  const raw = env[`CROSSDOCK_${envSuffix(service)}_PORT`];
  const port = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`CROSSDOCK_${envSuffix(service)}_PORT=${raw} is not a port`);
  return port;
}

/** Where the systems around the hub are: real ones from the environment, or the simulators. */
export interface Endpoints {
  /** order-ingest's ERP (REST); null when ERP_ADAPTER is configured by the environment. */
  readonly erpOrdersUrl: string | null;
  readonly erpFeedUrl: string;
  readonly erpWarehouseMap: string;
  readonly wmsFeedUrl: string;
  readonly wmsFacilityMap: string;
  /** null: Amazon polling off. */
  readonly spApiUrl: string | null;
  readonly spApiAccessToken: string | null;
  /** The SP-API simulator answers at once and accepts a zero settle time; the real one does neither. */
  readonly spApiSimulated: boolean;
  readonly shopifySecret: string;
  /** The EasyPost webhook signing secret carrier-connector checks (the carrier simulator signs with it). */
  readonly carrierWebhookSecret: string;
  /** wms-connector's THIRD_PARTY_MAILBOXES: the 3PLs' EDI folders. */
  readonly thirdPartyMailboxes: string;
  readonly ediInboxDir: string;
  readonly ediOutboxDir: string;
  /** order-ingest's reference data; null keeps the service default. */
  readonly referenceDataDir: string | null;
}

/** Which simulators to start: every system the environment does not point at. */
export function simulatorsNeeded(env: Env): { erpOrders: boolean; erpFeed: boolean; wmsFeed: boolean; spApi: boolean } {
  return {
    erpOrders: !env['ERP_ADAPTER'],
    erpFeed: !env['ERP_BASE_URL'],
    wmsFeed: !env['WMS_BASE_URL'],
    spApi: !env['SP_API_ENDPOINT'],
  };
}

/**
 * Each service's environment on top of the caller's (which the child inherits and which wins for
 * anything not named here). The platform settings (KAFKA_BROKERS, SCHEMA_REGISTRY_URL,
 * TOPIC_NAMESPACE, OTEL_*) pass through unchanged; DATABASE_URL comes from DATABASE_URL_<SERVICE>.
 * A service with no case below (a newly generated one) gets the common part only, so it starts
 * under `npm start` as soon as infra/services.json lists it.
 */
export function serviceEnv(service: HubService, env: Env, endpoints: Endpoints): Record<string, string> {
  const database = env[`DATABASE_URL_${envSuffix(service)}`];
  if (!database) throw new Error(`DATABASE_URL_${envSuffix(service)} is not set (see \`bash infra/stack/stack.sh env\`)`);
  const common = { SERVICE_NAME: service, DATABASE_URL: database, LOG_LEVEL: env['LOG_LEVEL'] ?? 'info' };
  switch (service) {
    case 'order-ingest':
      return {
        ...common,
        ...(endpoints.erpOrdersUrl ? { ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: endpoints.erpOrdersUrl } : {}),
        ...(endpoints.referenceDataDir ? { REFERENCE_DATA_DIR: endpoints.referenceDataDir } : {}),
      };
    case 'availability':
      return { ...common };
    case 'erp-connector':
      return {
        ...common,
        ERP_BASE_URL: endpoints.erpFeedUrl,
        ERP_WAREHOUSE_MAP: endpoints.erpWarehouseMap,
        POLL_INTERVAL_MS: env['POLL_INTERVAL_MS'] ?? '1000',
      };
    case 'wms-connector':
      return {
        ...common,
        WMS_BASE_URL: endpoints.wmsFeedUrl,
        WMS_FACILITY_MAP: endpoints.wmsFacilityMap,
        THIRD_PARTY_MAILBOXES: endpoints.thirdPartyMailboxes,
        POLL_INTERVAL_MS: env['POLL_INTERVAL_MS'] ?? '1000',
      };
    case 'shipment-events':
      // Goods issues go to the same ERP as the orders they ship.
      return { ...common, ...(endpoints.erpOrdersUrl ? { ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: endpoints.erpOrdersUrl } : {}) };
    case 'carrier-connector':
      return { ...common, EASYPOST_WEBHOOK_SECRET: endpoints.carrierWebhookSecret };
    case 'channel-gateway':
      return {
        ...common,
        SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR: endpoints.shopifySecret,
        EDI_INBOX_DIR: endpoints.ediInboxDir,
        EDI_OUTBOX_DIR: endpoints.ediOutboxDir,
        EDI_POLL_MS: env['EDI_POLL_MS'] ?? '500',
        ...(endpoints.spApiUrl
          ? {
              SP_API_ENDPOINT: endpoints.spApiUrl,
              ...(endpoints.spApiAccessToken ? { SP_API_AUTH: 'static', SP_API_ACCESS_TOKEN: endpoints.spApiAccessToken } : {}),
              ...(endpoints.spApiSimulated
                ? {
                    AMAZON_POLL_INTERVAL_MS: env['AMAZON_POLL_INTERVAL_MS'] ?? '1000',
                    AMAZON_SETTLE_MS: env['AMAZON_SETTLE_MS'] ?? '0',
                    AMAZON_INITIAL_LOOKBACK_MS: env['AMAZON_INITIAL_LOOKBACK_MS'] ?? '60000',
                    AMAZON_OVERLAP_MS: env['AMAZON_OVERLAP_MS'] ?? '60000',
                  }
                : {}),
            }
          : {}),
      };
    default:
      return { ...common };
  }
}
