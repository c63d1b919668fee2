import { PollLoop } from './poll-loop';

const policy = { intervalMs: 5, initialBackoffMs: 10, maxBackoffMs: 40 };
const until = async (condition: () => boolean): Promise<void> => {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 2));
  }
};

describe('PollLoop', () => {
  it('keeps polling through failures, backing off, and resets after a success', async () => {
    const results = [new Error('SP-API 503'), new Error('SP-API 503'), null, null];
    const failures: Array<[number, number]> = [];
    let rounds = 0;
    let successes = 0;
    const loop = new PollLoop({
      policy,
      round: async () => {
        const result = results[rounds++];
        if (result) throw result;
      },
      onSuccess: () => void successes++,
      onFailure: (_error, n, delay) => void failures.push([n, delay]),
    });
    loop.start();
    await until(() => rounds >= 4);
    await loop.stop();
    expect(failures).toEqual([
      [1, 10],
      [2, 20],
    ]);
    expect(successes).toBeGreaterThanOrEqual(2);
    expect(loop.consecutiveFailures).toBe(0);
  });

  it('honours the source Retry-After hint and survives a throwing failure handler', async () => {
    let rounds = 0;
    const delays: number[] = [];
    const loop = new PollLoop({
      policy,
      round: async () => {
        rounds += 1;
        throw new Error('throttled');
      },
      retryAfterOf: () => 25,
      onFailure: (_e, _n, delay) => {
        delays.push(delay);
        throw new Error('logger broke');
      },
    });
    loop.start();
    await until(() => rounds >= 2);
    await loop.stop();
    expect(delays.slice(0, 2)).toEqual([25, 25]);
  });

  it('lets the round in hand finish on stop, then runs no more', async () => {
    let release: () => void = () => undefined;
    let finished = 0;
    let started = 0;
    const loop = new PollLoop({
      policy,
      round: async () => {
        started += 1;
        await new Promise<void>((r) => (release = r));
        finished += 1;
      },
      onFailure: () => undefined,
    });
    loop.start();
    await until(() => started === 1);
    const stopped = loop.stop();
    release();
    await stopped;
    expect([started, finished]).toEqual([1, 1]);
  });

  it('runs rounds only while it holds the leader role, and resigns when stopped', async () => {
    let leading = false;
    let resigned = 0;
    let checks = 0;
    let rounds = 0;
    const leadership = {
      lead: async () => {
        checks++;
        return leading ? ({} as never) : null;
      },
      resign: () => void resigned++,
    };
    const loop = new PollLoop({ policy, round: async () => void rounds++, onFailure: () => undefined, leadership });
    loop.start();
    await until(() => checks >= 5);
    expect(rounds).toBe(0);
    leading = true;
    await until(() => rounds >= 2);
    await loop.stop();
    expect(resigned).toBe(1);
  });
});
