import { envSuffix, HUB_SERVICES, serviceEnv, servicePort, simulatorsNeeded, type Endpoints } from './hub-config';

const databaseOf = (service: string) => service.replace(/-/g, '_');
// Every service of infra/services.json, so a newly generated one is covered too.
const env = Object.fromEntries(HUB_SERVICES.map((service) => [`DATABASE_URL_${envSuffix(service)}`, `postgresql://x/${databaseOf(service)}`]));
const endpoints: Endpoints = {
  erpOrdersUrl: 'http://127.0.0.1:4103',
  erpFeedUrl: 'http://127.0.0.1:4101',
  erpWarehouseMap: '01=DC-RENO:WAREHOUSE',
  wmsFeedUrl: 'http://127.0.0.1:4102',
  wmsFacilityMap: 'RNO1=DC-RENO:WAREHOUSE',
  spApiUrl: 'http://127.0.0.1:4104',
  spApiAccessToken: 'token',
  spApiSimulated: true,
  shopifySecret: 'secret',
  carrierWebhookSecret: 'carrier-secret',
  thirdPartyMailboxes: '[]',
  ediInboxDir: '/tmp/in',
  ediOutboxDir: '/tmp/out',
  referenceDataDir: '/tmp/ref',
};

describe('hub config', () => {
  it('gives each service its own database and name', () => {
    for (const service of HUB_SERVICES) {
      expect(serviceEnv(service, env, endpoints)).toMatchObject({ SERVICE_NAME: service, DATABASE_URL: `postgresql://x/${databaseOf(service)}` });
    }
  });

  it('gives a service it has no settings for the common environment, so a new service starts unedited', () => {
    const added = serviceEnv('example-service', { DATABASE_URL_EXAMPLE_SERVICE: 'postgresql://x/example_service', LOG_LEVEL: 'debug' }, endpoints);
    expect(added).toEqual({ SERVICE_NAME: 'example-service', DATABASE_URL: 'postgresql://x/example_service', LOG_LEVEL: 'debug' });
  });

  it('names the missing database variable', () => {
    expect(() => serviceEnv('availability', {}, endpoints)).toThrow('DATABASE_URL_AVAILABILITY');
  });

  it('points order-ingest at the ERP simulator unless ERP_ADAPTER is configured', () => {
    expect(serviceEnv('order-ingest', env, endpoints)).toMatchObject({
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: 'http://127.0.0.1:4103',
      REFERENCE_DATA_DIR: '/tmp/ref',
    });
    expect(serviceEnv('order-ingest', env, { ...endpoints, erpOrdersUrl: null })).not.toHaveProperty('ERP_ADAPTER');
    expect(simulatorsNeeded({ ERP_ADAPTER: 'flat-file', SP_API_ENDPOINT: 'https://sellingpartnerapi-na.amazon.com' })).toEqual({
      erpOrders: false,
      erpFeed: true,
      wmsFeed: true,
      spApi: false,
    });
  });

  it('polls the SP-API simulator fast, and leaves the real SP-API at its defaults', () => {
    expect(serviceEnv('channel-gateway', env, endpoints)).toMatchObject({
      SP_API_ENDPOINT: 'http://127.0.0.1:4104',
      AMAZON_SETTLE_MS: '0',
      SP_API_ACCESS_TOKEN: 'token',
    });
    const real = serviceEnv('channel-gateway', env, {
      ...endpoints,
      spApiUrl: 'https://sellingpartnerapi-na.amazon.com',
      spApiAccessToken: null,
      spApiSimulated: false,
    });
    expect(real).not.toHaveProperty('AMAZON_SETTLE_MS');
    expect(real).not.toHaveProperty('SP_API_ACCESS_TOKEN');
  });

  it('gives carrier-connector the webhook secret the carrier signs with, and shipment-events the orders ERP', () => {
    expect(serviceEnv('carrier-connector', env, endpoints)).toMatchObject({ EASYPOST_WEBHOOK_SECRET: 'carrier-secret' });
    expect(serviceEnv('shipment-events', env, endpoints)).toMatchObject({ ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://127.0.0.1:4103' });
    expect(serviceEnv('shipment-events', env, { ...endpoints, erpOrdersUrl: null })).not.toHaveProperty('ERP_ADAPTER');
  });

  it('takes ports from CROSSDOCK_<SERVICE>_PORT and refuses a bad one', () => {
    expect(servicePort('order-ingest', {})).toBe(3001);
    expect(servicePort('order-ingest', { CROSSDOCK_ORDER_INGEST_PORT: '9001' })).toBe(9001);
    expect(() => servicePort('wms-connector', { CROSSDOCK_WMS_CONNECTOR_PORT: 'x' })).toThrow('CROSSDOCK_WMS_CONNECTOR_PORT');
    expect(() => servicePort('no-such-service', {})).toThrow('no-such-service is not a service of infra/services.json');
  });
});
