import { demoConfigFromEnv } from './demo-config';

describe('demoConfigFromEnv', () => {
  it('defaults to three minutes at two orders a second', () => {
    expect(demoConfigFromEnv({})).toMatchObject({ durationMs: 180_000, ratePerSecond: 2, seed: 42, itemCount: 300 });
  });

  it('takes DEMO_SECONDS over DEMO_MINUTES, and fractional rates', () => {
    expect(demoConfigFromEnv({ DEMO_MINUTES: '5', DEMO_SECONDS: '40', DEMO_RATE: '0.5' })).toMatchObject({ durationMs: 40_000, ratePerSecond: 0.5 });
    expect(demoConfigFromEnv({ DEMO_MINUTES: '1.5' }).durationMs).toBe(90_000);
  });

  it('names a bad value instead of running a zero-length day', () => {
    expect(() => demoConfigFromEnv({ DEMO_RATE: 'fast' })).toThrow('DEMO_RATE=fast');
    expect(() => demoConfigFromEnv({ DEMO_MINUTES: '0' })).toThrow('DEMO_MINUTES');
  });
});
