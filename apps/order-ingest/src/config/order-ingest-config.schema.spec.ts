import { ConfigError, loadConfig } from '@crossdock/config';
import { orderIngestConfigSchema } from './order-ingest-config.schema';

const base = { DATABASE_URL: 'postgresql://u:p@localhost:5432/oi' };

describe('orderIngestConfigSchema', () => {
  it('accepts the REST adapter with defaults for the drain', () => {
    const config = loadConfig(orderIngestConfigSchema, { ...base, ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://erp.local/api' });
    expect(config).toMatchObject({
      SERVICE_NAME: 'order-ingest',
      ERP_ADAPTER: 'rest',
      ERP_RATE_LIMIT_PER_SECOND: 50,
      CROSSDOCK_TEST_CRASH_AFTER_ERP_SUBMIT: false,
    });
  });

  it('accepts the flat-file adapter', () => {
    const config = loadConfig(orderIngestConfigSchema, {
      ...base,
      ERP_ADAPTER: 'flat-file',
      ERP_FILE_DROP_DIR: '/srv/in',
      ERP_FILE_ACK_DIR: '/srv/ack',
    });
    expect(config.ERP_ADAPTER).toBe('flat-file');
  });

  it('names every bad variable at once: database, rate limit and ERP adapter', () => {
    const attempt = () =>
      loadConfig(orderIngestConfigSchema, { DATABASE_URL: 'mysql://x', ERP_RATE_LIMIT_PER_SECOND: 'fast', ERP_ADAPTER: 'soap' });
    expect(attempt).toThrow(ConfigError);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as ConfigError).message;
      }
    })();
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('ERP_RATE_LIMIT_PER_SECOND');
    expect(message).toContain('ERP_ADAPTER');
  });
});
