import pino from 'pino';
import { ReadinessRegistry } from './readiness.registry';
import { StartupTask } from './startup-task';

describe('StartupTask', () => {
  it('holds readiness, naming the last failure, and retries until the attempt succeeds', async () => {
    const readiness = new ReadinessRegistry();
    let done = false;
    let attempts = 0;
    const task = new StartupTask({
      what: 'table rebuild',
      readinessCheck: 'tables',
      readiness,
      logger: pino({ level: 'silent' }),
      timeoutMs: 60_000,
      retryDelayMs: 5,
      isDone: () => done,
    });
    let failuresSeen: string[] = [];
    task.start(async () => {
      attempts++;
      if (attempts < 3) {
        failuresSeen = [...failuresSeen, JSON.stringify(await readiness.evaluate())];
        throw new Error(`broker away (${attempts})`);
      }
      done = true;
    });
    task.start(async () => {
      throw new Error('a second start must not run');
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(attempts).toBe(3);
    expect(failuresSeen[1]).toContain('table rebuild failed, retrying: broker away (1)');
    expect(JSON.stringify(await readiness.evaluate())).not.toContain('retrying');
    task.stop();
    expect(readiness.names()).toEqual([]);
  });
});
