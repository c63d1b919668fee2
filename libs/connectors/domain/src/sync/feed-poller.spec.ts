import { FeedPoller } from './feed-poller';
import type { FeedSync, SyncReport } from './feed-sync';

const report = (mode: SyncReport['mode'], upserts = 0): SyncReport => ({
  feed: 'stock',
  mode,
  pages: 1,
  changes: upserts,
  upserts,
  tombstones: 0,
  rejected: 0,
  cursor: '1',
});

/** A FeedSync stand-in whose polls fail while `down` and that records what ran, and whether two ran at once. */
class ScriptedSync {
  readonly feed = 'stock';
  down = false;
  calls: string[] = [];
  running = 0;
  overlapped = false;
  pollDelayMs = 0;

  async pollOnce(): Promise<SyncReport> {
    return this.run('poll', report('changes', 2));
  }

  async resync(): Promise<SyncReport> {
    return this.run('resync', report('resync', 5));
  }

  async cursor(): Promise<string | null> {
    return '1';
  }

  private async run(name: string, result: SyncReport): Promise<SyncReport> {
    this.running += 1;
    if (this.running > 1) this.overlapped = true;
    try {
      this.calls.push(name);
      await new Promise((resolve) => setTimeout(resolve, this.pollDelayMs));
      if (this.down) throw new Error('source unreachable: ECONNREFUSED');
      return result;
    } finally {
      this.running -= 1;
    }
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

describe('FeedPoller', () => {
  let sync: ScriptedSync;
  let poller: FeedPoller;
  const failures: Array<[number, number]> = [];
  let recoveredAfter = 0;

  beforeEach(() => {
    sync = new ScriptedSync();
    failures.length = 0;
    recoveredAfter = 0;
    poller = new FeedPoller({
      sync: sync as unknown as FeedSync<unknown>,
      intervalMs: 5,
      backoff: { initialMs: 10, maxMs: 40 },
      events: { failed: (_e, n, retryIn) => failures.push([n, retryIn]), recovered: (n) => (recoveredAfter = n) },
    });
  });

  afterEach(() => poller.stop());

  it('is STARTING until the first poll succeeds, then HEALTHY with running totals', async () => {
    expect(poller.status().state).toBe('STARTING');
    poller.start();
    await until(() => poller.status().totals.polls >= 2, 'two polls');
    expect(poller.status()).toMatchObject({ state: 'HEALTHY', consecutiveFailures: 0, lastError: null });
    expect(poller.status().totals.upserts).toBeGreaterThanOrEqual(4);
  });

  it('survives an outage: DEGRADED with the error and a growing backoff, HEALTHY again once the source is back', async () => {
    sync.down = true;
    poller.start();
    await until(() => failures.length >= 4, 'four failed polls');
    expect(poller.status()).toMatchObject({ state: 'DEGRADED', lastError: 'source unreachable: ECONNREFUSED' });
    expect(failures.slice(0, 4)).toEqual([
      [1, 10],
      [2, 20],
      [3, 40],
      [4, 40],
    ]);
    sync.down = false;
    await until(() => poller.status().state === 'HEALTHY', 'recovery');
    expect(recoveredAfter).toBeGreaterThanOrEqual(4);
  });

  it('runs a resync between polls, never alongside one', async () => {
    sync.pollDelayMs = 20;
    poller.start();
    await until(() => sync.calls.length >= 1, 'a poll in progress');
    const result = await poller.resync();
    expect(result.mode).toBe('resync');
    await until(() => sync.calls.filter((c) => c === 'poll').length >= 3, 'polling to continue');
    expect(sync.overlapped).toBe(false);
  });

  it('reports a failed resync to its caller and as a failure of the feed', async () => {
    sync.down = true;
    await expect(poller.resync()).rejects.toThrow('ECONNREFUSED');
    expect(poller.status()).toMatchObject({ state: 'DEGRADED', consecutiveFailures: 1 });
  });

  it('reports a poll that makes no progress (a publish waiting for Kafka) as DEGRADED until it moves', async () => {
    const stalling = new FeedPoller({ sync: sync as unknown as FeedSync<unknown>, intervalMs: 5, backoff: { initialMs: 10, maxMs: 40 }, stallAfterMs: 30 });
    sync.pollDelayMs = 400;
    stalling.start();
    try {
      await until(() => sync.running === 1, 'a poll in progress');
      await until(() => stalling.status().state === 'DEGRADED', 'the stall to show');
      expect(stalling.status().lastError).toMatch(/no progress for/);
      stalling.noteProgress();
      expect(stalling.status().state).toBe('STARTING');
      await until(() => stalling.status().state === 'HEALTHY', 'the poll to finish');
    } finally {
      await stalling.stop();
    }
  });

  it('stands by while another instance has the turn, polls once it gets it, and shows a failed turn as DEGRADED', async () => {
    let mine: boolean | Error = false;
    poller.start(async () => {
      if (mine instanceof Error) throw mine;
      return mine;
    });
    await until(() => poller.status().state === 'STANDBY', 'standing by');
    expect(sync.calls).toEqual([]);
    mine = true;
    await until(() => poller.status().totals.polls >= 1, "a poll once the turn is this instance's");
    expect(poller.status().state).toBe('HEALTHY');
    mine = new Error('connection terminated');
    await until(() => poller.status().state === 'DEGRADED', 'the failed turn to show');
    expect(poller.status().lastError).toBe('cannot tell whether this instance polls: connection terminated');
    mine = false;
    await until(() => poller.status().state === 'STANDBY', 'standing by again');
  });

  it('stop waits for the poll in hand and polls no more', async () => {
    sync.pollDelayMs = 30;
    poller.start();
    await until(() => sync.running === 1, 'a poll in progress');
    await poller.stop();
    expect(sync.running).toBe(0);
    const calls = sync.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(sync.calls.length).toBe(calls);
  });
});
