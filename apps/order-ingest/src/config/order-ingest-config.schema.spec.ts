import { ConfigError, loadConfig } from '@crossdock/config';
import { orderIngestConfigSchema } from './order-ingest-config.schema';

const base = { SERVICE_NAME: 'order-ingest', DATABASE_URL: 'postgresql://u:p@localhost:5432/oi' };

describe('orderIngestConfigSchema', () => {
  it('accepts the REST adapter with defaults for the drain', () => {
    const config = loadConfig(orderIngestConfigSchema, { ...base, ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://erp.local/api' });
    expect(config).toMatchObject({
      SERVICE_NAME: 'order-ingest',
      ERP_ADAPTER: 'rest',
      ERP_RATE_LIMIT_PER_SECOND: 50,
      ERP_DRAIN_POLL_MS: 500,
      OUTBOX_POLL_MS: 500,
      CROSSDOCK_TEST_CRASH_AFTER_ERP_SUBMIT: false,
      RETENTION_OUTBOX_DAYS: 7,
      RETENTION_ERP_QUEUE_DAYS: 30,
      RETENTION_SWEEP_INTERVAL_MS: 600_000,
    });
  });

  it('takes retention periods in whole days and refuses 0, fractions and nonsense, naming each variable', () => {
    const rest = { ...base, ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://erp.local/api' };
    expect(loadConfig(orderIngestConfigSchema, { ...rest, RETENTION_OUTBOX_DAYS: '1', RETENTION_ERP_QUEUE_DAYS: '90' })).toMatchObject({
      RETENTION_OUTBOX_DAYS: 1,
      RETENTION_ERP_QUEUE_DAYS: 90,
    });
    for (const bad of ['0', '-3', '1.5', 'forever', '100000']) {
      const attempt = () => loadConfig(orderIngestConfigSchema, { ...rest, RETENTION_OUTBOX_DAYS: bad, RETENTION_ERP_QUEUE_DAYS: bad });
      expect(attempt).toThrow(/RETENTION_OUTBOX_DAYS[\s\S]*RETENTION_ERP_QUEUE_DAYS/);
    }
    expect(() => loadConfig(orderIngestConfigSchema, { ...rest, RETENTION_SWEEP_INTERVAL_MS: '0' })).toThrow('RETENTION_SWEEP_INTERVAL_MS');
  });

  it('paces the ERP drainer and the event relay each by its own variable, refusing 0 for either', () => {
    const rest = { ...base, ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: 'http://erp.local/api' };
    expect(loadConfig(orderIngestConfigSchema, { ...rest, ERP_DRAIN_POLL_MS: '50', OUTBOX_POLL_MS: '2000' })).toMatchObject({
      ERP_DRAIN_POLL_MS: 50,
      OUTBOX_POLL_MS: 2_000,
    });
    expect(() => loadConfig(orderIngestConfigSchema, { ...rest, ERP_DRAIN_POLL_MS: '0' })).toThrow('ERP_DRAIN_POLL_MS');
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
    const attempt = () => loadConfig(orderIngestConfigSchema, { DATABASE_URL: 'mysql://x', ERP_RATE_LIMIT_PER_SECOND: 'fast', ERP_ADAPTER: 'soap' });
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
