import type { SqlStatement } from '@crossdock/persistence';
import { Leadership } from './leader.session';

class FakeSession {
  lost = false;
  readonly statements: string[] = [];
  failing = false;
  async query(statement: SqlStatement): Promise<unknown[]> {
    this.statements.push(statement.text);
    if (this.failing) throw new Error('connection gone');
    return [];
  }
  end(): void {
    this.lost = true;
  }
}

describe('Leadership', () => {
  let free: boolean;
  let sessions: FakeSession[];
  let now: number;
  const db = {
    lockedSession: async (lockId: number) => {
      expect(lockId).toBe(42);
      if (!free) return null;
      const session = new FakeSession();
      sessions.push(session);
      return session as never;
    },
  };

  beforeEach(() => {
    free = true;
    sessions = [];
    now = 0;
  });

  it('takes the role when the lock is free and keeps the same session, with no round trip, while it lasts', async () => {
    const leadership = new Leadership(db, 42);
    const first = await leadership.lead();
    expect(leadership.leading).toBe(true);
    expect(await leadership.lead()).toBe(first);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.statements).toEqual([]);
  });

  it('does not lead while another instance holds the lock', async () => {
    free = false;
    const leadership = new Leadership(db, 42);
    expect(await leadership.lead()).toBeNull();
    expect(leadership.leading).toBe(false);
  });

  it('starts a new term when its connection was lost, and sets the new session up once', async () => {
    const onLead = jest.fn(async () => undefined);
    const leadership = new Leadership(db, 42, { onLead });
    await leadership.lead();
    (sessions[0] as FakeSession).lost = true;
    expect(leadership.leading).toBe(false);
    await leadership.lead();
    expect(sessions).toHaveLength(2);
    expect(onLead).toHaveBeenCalledTimes(2);
  });

  it('ends a term whose set-up failed, so the lock is not held by a half-made leader', async () => {
    const leadership = new Leadership(db, 42, { onLead: async () => Promise.reject(new Error('set_config refused')) });
    await expect(leadership.lead()).rejects.toThrow('set_config refused');
    expect(sessions[0]?.lost).toBe(true);
    expect(leadership.leading).toBe(false);
  });

  it('with a check interval, asks its session whether it is alive once the interval passed, and resigns when it is not', async () => {
    const leadership = new Leadership(db, 42, { checkEveryMs: 1_000, now: () => now });
    await leadership.lead();
    now = 500;
    await leadership.lead();
    expect(sessions[0]?.statements).toEqual([]);
    now = 1_500;
    await leadership.lead();
    expect(sessions[0]?.statements).toHaveLength(1);

    (sessions[0] as FakeSession).failing = true;
    now = 3_000;
    free = false;
    expect(await leadership.lead()).toBeNull();
    expect(sessions[0]?.lost).toBe(true);
    expect(leadership.leading).toBe(false);
  });

  it('resigns: the connection, and with it the lock, is closed', async () => {
    const leadership = new Leadership(db, 42);
    await leadership.lead();
    leadership.resign();
    leadership.resign();
    expect(sessions[0]?.lost).toBe(true);
    expect(leadership.leading).toBe(false);
  });
});
