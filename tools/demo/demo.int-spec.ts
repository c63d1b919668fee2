import { runIsolatedDay, type IsolatedDay } from './hub/isolated-day.run';

/**
 * `npm run demo`, shortened: the same entry point, against the real stack, in a topic namespace and
 * throw-away databases of its own, on free ports. It must exit 0 with every invariant passing.
 */
describe('npm run demo (shortened)', () => {
  let run: IsolatedDay | undefined;
  let output = '';
  let exitCode: number | null = null;

  beforeAll(async () => {
    run = await runIsolatedDay('tools/demo/demo.main.ts', { DEMO_SECONDS: process.env['DEMO_IT_SECONDS'] ?? '40', DEMO_RATE: '2', DEMO_SETTLE_SECONDS: '90' });
    ({ output, exitCode } = run);
  }, 330_000);

  afterAll(async () => {
    if (exitCode !== 0) console.log(output);
    await run?.cleanUp();
  });

  const number = (pattern: RegExp): number => Number(pattern.exec(output)?.[1] ?? Number.NaN);

  it('exits 0 and reports every invariant as passed', () => {
    expect(output).toContain('DEMO PASSED');
    expect(exitCode).toBe(0);
    const invariants = output.split('\n').filter((l) => /^ {2}(PASS|FAIL) {2}/.test(l));
    expect(invariants).toHaveLength(11);
    expect(invariants.filter((l) => l.includes('FAIL'))).toEqual([]);
  });

  it('shipped the day: packages shipped and delivered, every fact accounted for, channel updates timed', () => {
    expect(number(/packages shipped +(\d+)/)).toBeGreaterThan(0);
    expect(number(/delivered (\d+) \(/)).toBeGreaterThan(0);
    expect(number(/channel shipment updates (\d+)/)).toBeGreaterThan(0);
    expect(output).toMatch(/shipment update timeliness p50 [\d.]+ m?s, p99 [\d.]+ m?s/);
    expect(output).toMatch(/PASS {2}every shipped package confirmed in the ERP exactly once and invoiced/);
    expect(output).toMatch(/PASS {2}every shipment fact accounted for/);
    // Every kind of source: the WMS's feed, the 3PL's 945s and the carrier's webhooks.
    expect(number(/\(WMS (\d+), 3PL \d+, carrier \d+\)/)).toBeGreaterThan(0);
    expect(number(/\(WMS \d+, 3PL (\d+), carrier \d+\)/)).toBeGreaterThan(0);
    expect(number(/\(WMS \d+, 3PL \d+, carrier (\d+)\)/)).toBeGreaterThan(0);
    // The carton labelled with a number another order's carton has is parked for a person, not attached to that order.
    expect(output).toMatch(/labels its next carton with tracking number \S+ again/);
    expect(output).toMatch(/shipment facts .*EXCEPTION TRACKING_NUMBER_REUSED \d+/);
  });

  it('played the whole day: three channels, the outage drained, stock published, a traced order', () => {
    expect(output).toMatch(/orders received +\d+ \(.*shopify \d+.*\)/);
    expect(output).toMatch(/amazon \d+/);
    expect(output).toMatch(/edi \d+/);
    expect(number(/accepted +(\d+)/)).toBeGreaterThan(0);
    const queued = number(/queued during ERP outage +(\d+)/);
    expect(queued).toBeGreaterThan(0);
    expect(number(/drained and accepted (\d+)/)).toBeGreaterThan(0);
    expect(number(/availability publications (\d+)/)).toBeGreaterThan(0);
    expect(output).toMatch(/one order's trace: [0-9a-f]{32}/);
    expect(output).toMatch(/spans in Jaeger across .*channel-gateway.*order-ingest.*shipment-events/);
  });
});
