import { describeFault, planFaults, type Fault, type ScheduleInput } from './fault-schedule';

const SERVICES = ['erp-connector', 'wms-connector', 'availability', 'order-ingest', 'channel-gateway', 'shipment-events', 'carrier-connector'];
const input = (overrides: Partial<ScheduleInput> = {}): ScheduleInput => ({
  seed: 7,
  durationMs: 180_000,
  services: SERVICES,
  instances: 2,
  erpOutage: { fromMs: 90_000, toMs: 117_000 },
  profile: 'full',
  ...overrides,
});
const KINDS: Fault['kind'][] = ['kill-instance', 'stop-instance', 'kill-broker', 'restart-database', 'registry-down', 'slow-erp', 'rebalance'];

describe('planFaults', () => {
  it('gives the same schedule for the same seed and another one for another seed', () => {
    expect(planFaults(input())).toEqual(planFaults(input()));
    expect(planFaults(input({ seed: 8 }))).not.toEqual(planFaults(input()));
  });

  it.each(['short', 'full'] as const)('has every fault kind at least once, in time order, inside the day (%s)', (profile) => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const faults = planFaults(input({ seed, profile }));
      expect(new Set(faults.map((f) => f.kind))).toEqual(new Set(KINDS));
      expect(faults.map((f) => f.atMs)).toEqual([...faults.map((f) => f.atMs)].sort((a, b) => a - b));
      for (const f of faults) expect(f.atMs >= 0 && f.atMs < 180_000).toBe(true);
    }
  });

  it('kills an instance of every service in the full profile, each an instance that exists', () => {
    const kills = planFaults(input()).filter((f) => f.kind === 'kill-instance');
    expect(kills.map((f) => f.service).sort()).toEqual([...SERVICES].sort());
    for (const f of kills) expect([1, 2]).toContain(f.instance);
  });

  it('gives each stack fault a window of its own and keeps the slow ERP out of the outage', () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const faults = planFaults(input({ seed }));
      const broker = faults.find((f) => f.kind === 'kill-broker')!;
      const database = faults.find((f) => f.kind === 'restart-database')!;
      const registry = faults.find((f) => f.kind === 'registry-down')!;
      expect(broker.kind === 'kill-broker' && broker.atMs + broker.downMs < database.atMs).toBe(true);
      expect(database.atMs < registry.atMs).toBe(true);
      const slow = faults.find((f) => f.kind === 'slow-erp')!;
      if (slow.kind !== 'slow-erp') throw new Error('no slow ERP');
      expect(slow.atMs + slow.durationMs < 90_000 || slow.atMs > 117_000).toBe(true);
    }
  });

  it('says what each fault does', () => {
    expect(describeFault({ atMs: 12_300, kind: 'kill-instance', service: 'order-ingest', instance: 2 })).toBe('t+12.3s SIGKILL order-ingest#2');
    expect(describeFault({ atMs: 1000, kind: 'registry-down', downMs: 60_000 })).toBe('t+1.0s schema registry down for 60 s');
  });
});
