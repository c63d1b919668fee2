import {
  chaosInvariants,
  exitsWhileDependencyDown,
  faultRecoveries,
  formatChaosReport,
  latencyAroundFaults,
  unplannedExits,
  type ChaosRun,
} from './chaos-report';
import type { FaultRecord } from './fault.injector';

const T0 = 1_000_000;
const kill: FaultRecord = {
  fault: { atMs: 10_000, kind: 'kill-instance', service: 'order-ingest', instance: 2 },
  hitAt: T0 + 10_000,
  endedAt: T0 + 10_050,
  hubReadyAt: T0 + 16_000,
  error: null,
};
const broker: FaultRecord = {
  fault: { atMs: 20_000, kind: 'kill-broker', downMs: 10_000 },
  hitAt: T0 + 20_000,
  endedAt: T0 + 45_000,
  hubReadyAt: T0 + 60_000,
  error: null,
};

function run(overrides: Partial<ChaosRun> = {}): ChaosRun {
  return {
    trafficStartedAt: T0,
    records: [kill, broker],
    instanceEvents: [
      { kind: 'exited', service: 'order-ingest', instance: 2, code: 137, at: T0 + 10_040 },
      { kind: 'ready', service: 'order-ingest', instance: 2, startedAt: T0 + 12_000, at: T0 + 15_500 },
    ],
    lag: [
      { at: T0 + 21_000, messages: null },
      { at: T0 + 30_000, messages: 700 },
      { at: T0 + 70_000, messages: 3 },
    ],
    facts: {
      channelOrders: [
        { orderId: 'A', eventId: 'a', channelAccountId: 'x', channelOrderId: 'A', at: T0 + 25_000, traceId: null },
        { orderId: 'B', eventId: 'b', channelAccountId: 'x', channelOrderId: 'B', at: T0 + 90_000, traceId: null },
      ],
      outcomes: [
        { orderId: 'A', outcomeSequence: 1, kind: 'ACCEPTED', reasons: [], erpOrderNumber: 'SO-A', at: T0 + 55_000, traceId: null },
        { orderId: 'B', outcomeSequence: 1, kind: 'ACCEPTED', reasons: [], erpOrderNumber: 'SO-B', at: T0 + 90_300, traceId: null },
      ],
    },
    ends: [{ service: 'order-ingest', instance: 1, code: 0 }],
    atEnd: { allReady: true, lag: 0 },
    ...overrides,
  };
}

describe('chaos report', () => {
  it('measures each fault: the killed instance ready again, the broker back, every instance ready, the peak lag after it', () => {
    const [instance, kafka] = faultRecoveries(run());
    expect(instance).toMatchObject({ line: 't+10.0s SIGKILL order-ingest#2', backAfterMs: 5_500, hubReadyAfterMs: 6_000, peakLag: 700 });
    expect(kafka).toMatchObject({ backAfterMs: 25_000, hubReadyAfterMs: 40_000, peakLag: 700, error: null });
  });

  it('tells an instance a fault ended from one that ended on its own', () => {
    const crash = { kind: 'exited' as const, service: 'availability', instance: 1, code: 1, at: T0 + 100_000 };
    expect(unplannedExits(run())).toEqual([]);
    expect(unplannedExits(run({ instanceEvents: [...run().instanceEvents, crash] }))).toEqual([crash]);
  });

  it('counts an instance that ended while the broker was down as a restart the outage explains', () => {
    const crashLoop = { kind: 'exited' as const, service: 'channel-gateway', instance: 3, code: 1, at: T0 + 50_000 };
    const withIt = run({ instanceEvents: [...run().instanceEvents, crashLoop] });
    expect(unplannedExits(withIt)).toEqual([]);
    expect(exitsWhileDependencyDown(withIt)).toEqual([crashLoop]);
    expect(chaosInvariants(withIt, faultRecoveries(withIt))[1]?.detail).toContain('1 of them restarts while the broker, database or registry was down');
  });

  it('splits order latency by whether a fault was open when the order came', () => {
    expect(latencyAroundFaults(run())).toEqual({ during: [30_000], outside: [300] });
  });

  it('passes only when every fault recovered, nothing crashed, the hub ended ready and caught up, and every instance stopped cleanly', () => {
    const verdicts = (r: ChaosRun) => chaosInvariants(r, faultRecoveries(r)).map((i) => i.ok);
    expect(verdicts(run())).toEqual([true, true, true, true]);
    expect(verdicts(run({ records: [{ ...broker, hubReadyAt: null }] }))[0]).toBe(false);
    expect(verdicts(run({ atEnd: { allReady: true, lag: 500 } }))[2]).toBe(false);
    expect(verdicts(run({ ends: [{ service: 'order-ingest', instance: 1, code: 1 }] }))[3]).toBe(false);
    const report = formatChaosReport(run(), faultRecoveries(run()), chaosInvariants(run(), faultRecoveries(run())));
    expect(report).toContain('t+20.0s SIGKILL the Kafka broker, restart after 10 s');
    expect(report).toContain('peak consumer lag          700 messages at t+30s');
  });
});
