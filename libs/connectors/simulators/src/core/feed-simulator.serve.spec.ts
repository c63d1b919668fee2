import { serveFeedSimulator } from './feed-simulator.serve';
import { OutageSwitch } from './outage.switch';

function countingSource(ticks: number[]) {
  return { feeds: {}, outage: new OutageSwitch(), tick: (events: number) => ticks.push(events), controls: {} };
}

describe('serveFeedSimulator', () => {
  it('ticks the source on POST /_sim/tick, one event unless told how many', async () => {
    const ticks: number[] = [];
    const sim = await serveFeedSimulator({}, countingSource(ticks));
    try {
      const tick = (body: unknown) =>
        fetch(`${sim.baseUrl}/_sim/tick`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await tick({})).status).toBe(200);
      expect((await tick({ events: 3 })).status).toBe(200);
      expect(ticks).toEqual([1, 3]);
    } finally {
      await sim.stop();
    }
  });

  it('ticks once every activity interval until stopped', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const ticks: number[] = [];
      const sim = await serveFeedSimulator({ activityIntervalMs: 1_000 }, countingSource(ticks));
      jest.advanceTimersByTime(3_500);
      expect(ticks).toEqual([1, 1, 1]);
      await sim.stop();
      jest.advanceTimersByTime(3_000);
      expect(ticks).toEqual([1, 1, 1]);
    } finally {
      jest.useRealTimers();
    }
  });
});
