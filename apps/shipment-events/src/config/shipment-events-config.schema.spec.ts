import { ConfigError, loadConfig } from '@crossdock/config';
import { shipmentEventsConfigSchema } from './shipment-events-config.schema';

describe('shipmentEventsConfigSchema', () => {
  it('takes the platform defaults and the database URL', () => {
    const config = loadConfig(shipmentEventsConfigSchema, { SERVICE_NAME: 'shipment-events', DATABASE_URL: 'postgresql://u:p@localhost:5432/shipment_events' });
    expect(config.DATABASE_URL).toBe('postgresql://u:p@localhost:5432/shipment_events');
    expect(config.KAFKA_BROKERS).toEqual(['localhost:9092']);
    expect(config.SHIPMENT_UNKNOWN_ORDER_GRACE_MS).toBe(3_600_000);
  });

  it('reads the grace period and names a bad one', () => {
    const env = { SERVICE_NAME: 'shipment-events', DATABASE_URL: 'postgresql://u:p@localhost:5432/shipment_events' };
    expect(loadConfig(shipmentEventsConfigSchema, { ...env, SHIPMENT_UNKNOWN_ORDER_GRACE_MS: '500' }).SHIPMENT_UNKNOWN_ORDER_GRACE_MS).toBe(500);
    expect(() => loadConfig(shipmentEventsConfigSchema, { ...env, SHIPMENT_UNKNOWN_ORDER_GRACE_MS: '0' })).toThrow(/SHIPMENT_UNKNOWN_ORDER_GRACE_MS/);
  });

  it('names a missing database URL', () => {
    expect(() => loadConfig(shipmentEventsConfigSchema, { SERVICE_NAME: 'shipment-events' })).toThrow(ConfigError);
    expect(() => loadConfig(shipmentEventsConfigSchema, { SERVICE_NAME: 'shipment-events' })).toThrow(/DATABASE_URL/);
  });

  it('runs without an ERP (confirmations only queue) and takes the ERP adapter and its drain settings when given', () => {
    const env = { SERVICE_NAME: 'shipment-events', DATABASE_URL: 'postgresql://u:p@localhost:5432/shipment_events' };
    expect(loadConfig(shipmentEventsConfigSchema, env).ERP_ADAPTER).toBeUndefined();
    expect(loadConfig(shipmentEventsConfigSchema, { ...env, ERP_ADAPTER: 'none' }).ERP_ADAPTER).toBe('none');
    const config = loadConfig(shipmentEventsConfigSchema, {
      ...env,
      ERP_ADAPTER: 'rest',
      ERP_REST_BASE_URL: 'http://erp.local/api',
      ERP_RATE_LIMIT_PER_SECOND: '8',
    });
    expect(config).toMatchObject({ ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://erp.local/api', ERP_RATE_LIMIT_PER_SECOND: 8, ERP_RATE_LIMIT_BURST: 5 });
  });

  it('names what an ERP adapter lacks and an adapter it does not know', () => {
    const env = { SERVICE_NAME: 'shipment-events', DATABASE_URL: 'postgresql://u:p@localhost:5432/shipment_events' };
    expect(() => loadConfig(shipmentEventsConfigSchema, { ...env, ERP_ADAPTER: 'rest' })).toThrow(/ERP_REST_BASE_URL/);
    expect(() => loadConfig(shipmentEventsConfigSchema, { ...env, ERP_ADAPTER: 'flat-file', ERP_FILE_DROP_DIR: '/srv/erp/in' })).toThrow(/ERP_FILE_ACK_DIR/);
    expect(() => loadConfig(shipmentEventsConfigSchema, { ...env, ERP_ADAPTER: 'soap' })).toThrow(/ERP_ADAPTER/);
    expect(() =>
      loadConfig(shipmentEventsConfigSchema, { ...env, ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://erp.local', ERP_RATE_LIMIT_BURST: '0' }),
    ).toThrow(/ERP_RATE_LIMIT_BURST/);
  });
});
