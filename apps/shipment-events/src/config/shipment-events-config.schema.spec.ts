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
});
