import { ConfigError, loadConfig } from '@crossdock/config';
import { availabilityConfigSchema } from './availability-config.schema';

describe('availabilityConfigSchema', () => {
  it('needs only the database URL; service settings have working defaults', () => {
    const config = loadConfig(availabilityConfigSchema, { SERVICE_NAME: 'availability', DATABASE_URL: 'postgresql://u:p@localhost:5432/availability' });
    expect(config).toMatchObject({
      SERVICE_NAME: 'availability',
      AVAILABILITY_COALESCING_WINDOW_MS: 250,
      RESERVATION_EXPIRY_SWEEP_MS: 60_000,
      OUTBOX_POLL_MS: 500,
      RETENTION_OUTBOX_DAYS: 7,
      RETENTION_SWEEP_INTERVAL_MS: 600_000,
      CROSSDOCK_TEST_CRASH_AFTER_EXPIRY_COMMIT: false,
    });
    expect(config.RESERVATION_MAX_STOCK_AGE_MS).toBeUndefined();
  });

  it('refuses a keep period of 0 days, which would delete events the moment they are published', () => {
    expect(() =>
      loadConfig(availabilityConfigSchema, { SERVICE_NAME: 'availability', DATABASE_URL: 'postgresql://u:p@localhost:5432/a', RETENTION_OUTBOX_DAYS: '0' }),
    ).toThrow(/RETENTION_OUTBOX_DAYS/);
  });

  it('names every bad variable at once', () => {
    expect(() =>
      loadConfig(availabilityConfigSchema, { SERVICE_NAME: 'availability', DATABASE_URL: 'mysql://x', AVAILABILITY_COALESCING_WINDOW_MS: '-5' }),
    ).toThrow(ConfigError);
    try {
      loadConfig(availabilityConfigSchema, { SERVICE_NAME: 'availability', DATABASE_URL: 'mysql://x', AVAILABILITY_COALESCING_WINDOW_MS: '-5' });
    } catch (error) {
      const message = (error as ConfigError).message;
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('AVAILABILITY_COALESCING_WINDOW_MS');
    }
  });
});
