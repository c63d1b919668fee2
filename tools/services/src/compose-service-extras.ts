/** One variable of a service's docker-compose environment, with why it has that value when it is not obvious. */
export interface ComposeVariable {
  readonly name: string;
  readonly value: string;
  readonly why?: string;
}

/** What a service's compose block needs beyond SERVICE_NAME, HTTP_PORT, DATABASE_URL and the platform settings. */
export interface ComposeServiceExtras {
  /** Starts after the simulators container (its ERP, WMS or SP-API, its reference data). */
  readonly usesSimulators: boolean;
  readonly environment: readonly ComposeVariable[];
}

/** A service the table does not name (a newly generated one) needs nothing more. */
export const NO_EXTRAS: ComposeServiceExtras = { usesSimulators: false, environment: [] };

/**
 * The systems around each existing service, pointed at the simulators container; the values
 * `npm start` gives them natively (tools/demo/hub/hub-config.ts). Keyed by infra/services.json's name.
 */
export const COMPOSE_SERVICE_EXTRAS: Readonly<Record<string, ComposeServiceExtras>> = {
  'erp-connector': {
    usesSimulators: true,
    environment: [
      { name: 'ERP_BASE_URL', value: 'http://simulators:4101' },
      { name: 'ERP_WAREHOUSE_MAP', value: '01=DC-RENO:WAREHOUSE,02=DC-ATLANTA:WAREHOUSE,90=3PL-DALLAS:THIRD_PARTY_LOGISTICS' },
    ],
  },
  'wms-connector': {
    usesSimulators: true,
    environment: [
      { name: 'WMS_BASE_URL', value: 'http://simulators:4102' },
      { name: 'WMS_FACILITY_MAP', value: 'RNO1=DC-RENO:WAREHOUSE,ATL1=DC-ATLANTA:WAREHOUSE,DAL3=3PL-DALLAS:THIRD_PARTY_LOGISTICS' },
      {
        name: 'THIRD_PARTY_MAILBOXES',
        value:
          '[{"locationId":"3PL-DALLAS","sourceSystem":"3pl-dallas","outboundDir":"/app/tmp/hub/3pl/dallas/to-3pl","inboundDir":"/app/tmp/hub/3pl/dallas/from-3pl","ourInterchangeId":"ZZ:CROSSDOCKDIST","partnerInterchangeId":"ZZ:DALLAS3PL","ourApplicationId":"CROSSDOCKDIST","partnerApplicationId":"DALLAS3PL","usageIndicator":"T","warehouseName":"3PL-DALLAS"}]',
        why: "The simulated Dallas 3PL's EDI folders, which the simulators container serves.",
      },
    ],
  },
  'order-ingest': {
    usesSimulators: true,
    environment: [
      { name: 'ERP_ADAPTER', value: 'rest' },
      { name: 'ERP_REST_BASE_URL', value: 'http://simulators:4103' },
      {
        name: 'REFERENCE_DATA_DIR',
        value: '/app/tmp/hub/reference-data',
        why: 'Written by the simulators container: the shipped files plus mappings for the simulated catalog.',
      },
    ],
  },
  'channel-gateway': {
    usesSimulators: true,
    environment: [
      { name: 'SHOPIFY_WEBHOOK_SECRET_ACME_OUTDOOR', value: 'shpss_crossdock_demo_secret' },
      { name: 'SP_API_ENDPOINT', value: 'http://simulators:4104' },
      { name: 'SP_API_ACCESS_TOKEN', value: 'Atza|crossdock-simulator-token' },
      { name: 'AMAZON_POLL_INTERVAL_MS', value: '1000' },
      { name: 'AMAZON_SETTLE_MS', value: '0' },
      { name: 'EDI_INBOX_DIR', value: '/app/tmp/hub/edi/inbox' },
      { name: 'EDI_OUTBOX_DIR', value: '/app/tmp/hub/edi/outbox' },
    ],
  },
  'shipment-events': {
    usesSimulators: true,
    environment: [
      { name: 'ERP_ADAPTER', value: 'rest', why: 'Goods issues go to the same ERP as the orders they ship.' },
      { name: 'ERP_REST_BASE_URL', value: 'http://simulators:4103' },
    ],
  },
  'carrier-connector': {
    usesSimulators: true,
    environment: [
      { name: 'EASYPOST_WEBHOOK_SECRET', value: 'easypost_crossdock_demo_webhook_secret', why: 'The simulated carrier signs its webhooks with it.' },
    ],
  },
};
