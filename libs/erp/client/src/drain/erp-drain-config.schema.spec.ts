import { drainConfigOf, erpDrainConfigSchema } from './erp-drain-config.schema';

describe('erpDrainConfigSchema', () => {
  const schema = erpDrainConfigSchema({ ratePerSecond: 20, burst: 5, maxInFlight: 4 });

  it("takes the service's quota defaults and the shared backoff and poll defaults", () => {
    expect(schema.parse({})).toEqual({
      ERP_RATE_LIMIT_PER_SECOND: 20,
      ERP_RATE_LIMIT_BURST: 5,
      ERP_MAX_IN_FLIGHT: 4,
      ERP_BACKOFF_INITIAL_MS: 500,
      ERP_BACKOFF_MAX_MS: 60_000,
      ERP_DRAIN_POLL_MS: 500,
    });
  });

  it('reads environment text as whole positive numbers and names a bad variable', () => {
    expect(schema.parse({ ERP_RATE_LIMIT_PER_SECOND: '8', ERP_BACKOFF_MAX_MS: '1000' })).toMatchObject({
      ERP_RATE_LIMIT_PER_SECOND: 8,
      ERP_BACKOFF_MAX_MS: 1_000,
    });
    for (const bad of [{ ERP_RATE_LIMIT_BURST: '0' }, { ERP_MAX_IN_FLIGHT: '1.5' }, { ERP_DRAIN_POLL_MS: 'soon' }]) {
      const result = schema.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(Object.keys(bad));
    }
  });

  it('gives the drain policy its bucket, in-flight cap and doubling backoff', () => {
    expect(drainConfigOf(schema.parse({ ERP_BACKOFF_INITIAL_MS: '250' }))).toEqual({
      rateLimit: { capacity: 5, refillPerSecond: 20 },
      maxInFlight: 4,
      backoff: { initialMs: 250, factor: 2, maxMs: 60_000 },
    });
  });
});
