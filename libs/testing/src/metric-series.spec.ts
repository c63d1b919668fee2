import { metricSeries } from './metric-series';

const TEXT = [
  '# HELP crossdock_calls_total Calls',
  '# TYPE crossdock_calls_total counter',
  'crossdock_calls_total{kind="SUBMIT",outcome="DONE",service="order-ingest"} 7',
  'crossdock_calls_total{kind="CANCEL",outcome="DONE",service="order-ingest"} 2',
  'crossdock_calls_total_other{kind="SUBMIT"} 99',
  'crossdock_up 1',
].join('\n');

describe('metricSeries', () => {
  it('finds the series carrying the asked labels, whatever other labels they have', () => {
    expect(metricSeries(TEXT, 'crossdock_calls_total', { kind: 'SUBMIT' })).toEqual([7]);
    expect(metricSeries(TEXT, 'crossdock_calls_total', { outcome: 'DONE' })).toEqual([7, 2]);
    expect(metricSeries(TEXT, 'crossdock_calls_total', { kind: 'SUBMIT', outcome: 'FAILED' })).toEqual([]);
  });

  it('reads a series without labels and never a metric whose name merely starts the same', () => {
    expect(metricSeries(TEXT, 'crossdock_up')).toEqual([1]);
    expect(metricSeries(TEXT, 'crossdock_calls_total')).toEqual([7, 2]);
    expect(metricSeries(TEXT, 'crossdock_calls')).toEqual([]);
  });
});
