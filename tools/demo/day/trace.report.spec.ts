import type { DayFacts } from './day-facts';
import { channelOrderFact, outcomeFact, sentOrder } from './day-facts.fixture';
import { formatTraceReport, reportTrace, whyTracesWereNotKept, type TraceReportInput } from './trace.report';

const T0 = 1_000_000;
const URL = 'http://localhost:16686';
// Two accepted orders, sent 1 s and 30 s into the day.
const facts: Pick<DayFacts, 'startedAt' | 'sent' | 'channelOrders' | 'outcomes'> = {
  startedAt: T0,
  sent: [sentOrder(1, T0 + 1000), sentOrder(2, T0 + 30_000)],
  channelOrders: [channelOrderFact(1, T0 + 1100), channelOrderFact(2, T0 + 30_100)],
  outcomes: [outcomeFact(1, 'ACCEPTED', T0 + 1500), outcomeFact(2, 'ACCEPTED', T0 + 30_500)],
};
const building = 'jaeger    building  (612 s, log: /w/.stack/logs/jaeger-build.log)';

function input(overrides: Partial<TraceReportInput>): TraceReportInput {
  return {
    facts,
    availability: { upThroughout: true, upSince: T0 },
    jaegerUrl: URL,
    stackJaegerLine: () => null,
    findTrace: (traceId) => Promise.resolve(`12 spans in Jaeger across channel-gateway, order-ingest (${traceId})`),
    ...overrides,
  };
}

describe('reportTrace', () => {
  it('Jaeger up all day: the latest accepted order, looked up in Jaeger', async () => {
    expect(await reportTrace(input({}))).toEqual({
      kind: 'traced',
      traceId: 'trace2',
      found: '12 spans in Jaeger across channel-gateway, order-ingest (trace2)',
      lostFirstMs: null,
    });
  });

  it('Jaeger up all day and the trace is missing: says so, as it found it', async () => {
    const report = await reportTrace(input({ findTrace: () => Promise.resolve('not found in Jaeger (is OTLP export on?)') }));
    expect(formatTraceReport(report, URL)).toEqual([`one order's trace: trace2`, `  ${URL}/api/traces/trace2  (not found in Jaeger (is OTLP export on?))`]);
  });

  it('Jaeger came up 20 s into the day: an order sent after that, and the first 20 s named as lost', async () => {
    const report = await reportTrace(input({ availability: { upThroughout: false, upSince: T0 + 20_000 } }));
    expect(report).toMatchObject({ kind: 'traced', traceId: 'trace2', lostFirstMs: 20_000 });
    expect(formatTraceReport(report, URL)[2]).toBe('  traces of the first 20 s of the day were not kept: Jaeger was not up yet');
  });

  it('Jaeger came up after the last order: not kept, without asking Jaeger', async () => {
    const findTrace = jest.fn();
    const report = await reportTrace(input({ availability: { upThroughout: false, upSince: T0 + 40_000 }, findTrace }));
    expect(formatTraceReport(report, URL)).toEqual(['traces: not kept — Jaeger answered only from 40 s into the day, after the last accepted order was sent']);
    expect(findTrace).not.toHaveBeenCalled();
  });

  it('Jaeger never up: not kept, with the reason the stack gives', async () => {
    const report = await reportTrace(input({ availability: { upThroughout: false, upSince: null }, stackJaegerLine: () => building }));
    expect(formatTraceReport(report, URL)).toEqual([
      'traces: not kept — Jaeger was still being built (612 s so far, log: /w/.stack/logs/jaeger-build.log); `npm run stack:status` shows when it is ready',
    ]);
  });

  it('no accepted order carries a trace id', async () => {
    const report = await reportTrace(input({ facts: { ...facts, outcomes: [] } }));
    expect(formatTraceReport(report, URL)).toEqual(['no trace id found on an accepted order']);
  });
});

describe('whyTracesWereNotKept', () => {
  it('a failed build: when, its log, and how to try again', () => {
    expect(whyTracesWereNotKept('jaeger    stopped   build failed at 05:12:01 (log: /w/.stack/logs/jaeger-build.log); stack.sh up tries again', URL)).toBe(
      "Jaeger's build failed at 05:12:01 (log: /w/.stack/logs/jaeger-build.log); `npm run stack:up` builds it again",
    );
  });

  it('stopped, or a stack the demo did not start: where it did not answer', () => {
    expect(whyTracesWereNotKept('jaeger    stopped   pid=-        port=4317,4318,16686,16685    rss=-', URL)).toBe(
      `Jaeger did not answer at ${URL} (stack status: jaeger stopped pid=- port=4317,4318,16686,16685 rss=-)`,
    );
    expect(whyTracesWereNotKept(null, URL)).toBe(`Jaeger did not answer at ${URL}`);
  });
});
