import { z } from 'zod';
import { connectorPollSettingsSchema, locationMapSchema } from './connector-settings.schema';

describe('connector settings', () => {
  it('has working defaults for the poll loop', () => {
    expect(connectorPollSettingsSchema.parse({})).toEqual({
      POLL_INTERVAL_MS: 5_000,
      POLL_PAGE_SIZE: 200,
      POLL_BACKOFF_INITIAL_MS: 1_000,
      POLL_BACKOFF_MAX_MS: 60_000,
      POLL_STALL_AFTER_MS: 120_000,
      SOURCE_TIMEOUT_MS: 10_000,
      RESYNC_ON_START: false,
    });
  });

  it('turns a location map into hub locations, reporting each problem as an issue', () => {
    const schema = z.object({ MAP: locationMapSchema });
    expect(schema.parse({ MAP: 'RNO1=DC-RENO:WAREHOUSE' }).MAP.get('RNO1')).toEqual({ locationId: 'DC-RENO', locationType: 'WAREHOUSE' });
    const result = schema.safeParse({ MAP: 'RNO1=DC-RENO,ATL1=X:SHED' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['MAP', 'MAP']);
  });
});
