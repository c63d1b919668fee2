import { ConfigError, loadConfig } from '@crossdock/config';
import { carrierConnectorConfigSchema, easyPostWebhookSecrets } from './carrier-connector-config.schema';

const base = {
  SERVICE_NAME: 'carrier-connector',
  DATABASE_URL: 'postgresql://u:p@localhost:5432/carrier_connector',
  EASYPOST_WEBHOOK_SECRET: 'whsec-current',
};

describe('carrierConnectorConfigSchema', () => {
  it('takes the platform defaults, the database URL and the webhook secret', () => {
    const config = loadConfig(carrierConnectorConfigSchema, base);
    expect(config.DATABASE_URL).toBe('postgresql://u:p@localhost:5432/carrier_connector');
    expect(config.KAFKA_BROKERS).toEqual(['localhost:9092']);
    expect(easyPostWebhookSecrets(config)).toEqual(['whsec-current']);
    expect(config.WEBHOOK_MAX_BODY_BYTES).toBe(1024 * 1024);
  });

  it('accepts the previous secrets during a rotation, the current one first', () => {
    const config = loadConfig(carrierConnectorConfigSchema, { ...base, EASYPOST_WEBHOOK_PREVIOUS_SECRETS: ' whsec-old , ,whsec-older' });
    expect(easyPostWebhookSecrets(config)).toEqual(['whsec-current', 'whsec-old', 'whsec-older']);
  });

  it('names a missing database URL and a missing or blank webhook secret', () => {
    expect(() => loadConfig(carrierConnectorConfigSchema, { SERVICE_NAME: 'carrier-connector' })).toThrow(ConfigError);
    expect(() => loadConfig(carrierConnectorConfigSchema, { ...base, DATABASE_URL: undefined })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig(carrierConnectorConfigSchema, { ...base, EASYPOST_WEBHOOK_SECRET: '  ' })).toThrow(/EASYPOST_WEBHOOK_SECRET/);
  });
});
