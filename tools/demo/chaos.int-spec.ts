import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HUB_SERVICES } from './hub/hub-config';
import { runIsolatedDay, type IsolatedDay } from './hub/isolated-day.run';

const FAULT_KINDS = [
  /SIGKILL the Kafka broker, restart after \d+ s/,
  /restart PostgreSQL/,
  /schema registry down for \d+ s/,
  /ERP answers after \d+ ms for \d+ s/,
  /SIGKILL [a-z-]+#\d/,
  /SIGTERM [a-z-]+#\d/,
  /one more [a-z-]+ instance joins its consumer groups/,
];

/**
 * `npm run chaos` with the short schedule (every fault kind once) on a one-minute day, against the
 * real stack, which it really breaks: the broker is SIGKILLed, PostgreSQL restarted, the registry
 * stopped. Own topic namespace, databases and ports (two instances of each service, port + 100).
 * It must exit 0: every invariant of the day and of the chaos run holds.
 */
describe('npm run chaos (short schedule)', () => {
  let run: IsolatedDay | undefined;
  let output = '';
  let exitCode: number | null = null;

  beforeAll(async () => {
    // Two instances, and a third during the rebalance.
    run = await runIsolatedDay('tools/demo/chaos.main.ts', { CHAOS_PROFILE: 'short', DEMO_SECONDS: '60', DEMO_RATE: '2', DEMO_SETTLE_SECONDS: '240' }, 3);
    ({ output, exitCode } = run);
  }, 900_000);

  afterAll(async () => {
    if (exitCode !== 0 && run) {
      console.log(output);
      // The services' own words, without the Kafka client's reconnect chatter.
      const log = join(run.workDir, 'services.log');
      const lines = existsSync(log) ? readFileSync(log, 'utf8').split('\n') : [];
      console.log(
        lines
          .filter((line) => !line.includes('component=kafkajs'))
          .slice(-150)
          .join('\n'),
      );
    }
    await run?.cleanUp();
  }, 120_000);

  it('exits 0 with every invariant of the day and of the chaos run passed', () => {
    expect(output).toContain('CHAOS PASSED');
    expect(exitCode).toBe(0);
    const invariants = output.split('\n').filter((l) => /^ {2}(PASS|FAIL) {2}/.test(l));
    expect(invariants).toHaveLength(11 + 4);
    expect(invariants.filter((l) => l.includes('FAIL'))).toEqual([]);
  });

  it('hit the hub with every fault kind and says how long each took to recover', () => {
    const report = output.slice(output.indexOf('=== Crossdock chaos: faults and recovery ==='));
    for (const kind of FAULT_KINDS) expect(report).toMatch(kind);
    const recoveries = report.split('\n').filter((l) => l.startsWith('t+'));
    expect(recoveries.length).toBeGreaterThanOrEqual(FAULT_KINDS.length);
    for (const line of recoveries) expect(line).toMatch(/back after [\d.]+ s, every instance ready after [\d.]+ s/);
    expect(report).toMatch(/peak consumer lag +\d+ messages/);
  });

  it('ran two instances of every service and restarted the ones the faults ended', () => {
    for (const service of HUB_SERVICES) {
      expect(output).toContain(`[${service}#1`);
      expect(output).toContain(`[${service}#2`);
    }
    expect(output).toMatch(/PASS {2}no instance ended that a fault did not end: \d+ instance ends, each a fault's/);
  });
});
