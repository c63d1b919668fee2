import { gatewayMetrics, pollRoundMetrics } from './channel-gateway.metrics';

async function series(metric: { get(): Promise<{ values: Array<{ labels: Record<string, unknown>; value: number }> }> }, labels: Record<string, string>) {
  const { values } = await metric.get();
  return values.find((v) => Object.entries(labels).every(([name, value]) => v.labels[name] === value))?.value ?? 0;
}

describe('pollRoundMetrics', () => {
  it('counts rounds by result and keeps the failures in a row, back to 0 after a success', async () => {
    const rounds = pollRoundMetrics('test:loop');
    rounds.failed(1);
    rounds.failed(2);
    expect(await series(gatewayMetrics.polls, { loop: 'test:loop', result: 'error' })).toBe(2);
    expect(await series(gatewayMetrics.pollFailuresInARow, { loop: 'test:loop' })).toBe(2);

    rounds.succeeded();
    expect(await series(gatewayMetrics.polls, { loop: 'test:loop', result: 'ok' })).toBe(1);
    expect(await series(gatewayMetrics.pollFailuresInARow, { loop: 'test:loop' })).toBe(0);
  });
});
