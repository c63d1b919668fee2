import { type LockedSession, type SqlPool, sql } from '@crossdock/persistence';

/**
 * Lock ids of the roles one instance of a service holds at a time. Advisory locks are per
 * database and every service owns its database, so the ids only need to differ within one service.
 */
export const LEADER_LOCKS = {
  /** The outbox relay: one publisher keeps each key's events in order. */
  outboxRelay: 7_310_001,
} as const;

export interface LeadershipOptions {
  /** Runs once per term on the new session (session settings); a failure ends the term at once. */
  readonly onLead?: (session: LockedSession) => Promise<void>;
  /**
   * A leader that runs its work on other connections asks its session this often whether it is
   * still alive (`SELECT 1`), so that a connection that died silently ends its term; a leader that
   * queries through its session learns it from those queries and needs no check.
   */
  readonly checkEveryMs?: number;
  readonly now?: () => number;
}

/**
 * The one way a role is held by one instance at a time: a connection kept out of the pool that holds
 * PostgreSQL's session advisory lock (`SqlPool.lockedSession`). The role lasts exactly as long as
 * the connection: a process that crashes, shuts down or loses its connection loses it, and another
 * instance takes it at its next try, with no lease to renew or to wait out.
 */
export class Leadership {
  private session: LockedSession | undefined;
  private checkedAt = 0;
  private readonly now: () => number;

  constructor(
    private readonly db: Pick<SqlPool, 'lockedSession'>,
    readonly lockId: number,
    private readonly options: LeadershipOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Whether this process holds the role now, as far as it knows without asking the database. */
  get leading(): boolean {
    return this.session !== undefined && !this.session.lost;
  }

  /**
   * The held session, or a new term when the role is free; null while another instance holds it.
   * Costs no round trip while the term lasts (but the periodic check, when configured).
   */
  async lead(): Promise<LockedSession | null> {
    if (this.session && !this.session.lost) {
      if (this.options.checkEveryMs === undefined || this.now() - this.checkedAt < this.options.checkEveryMs) return this.session;
      try {
        await this.session.query(sql.named('leader.check')`SELECT 1`);
        this.checkedAt = this.now();
        return this.session;
      } catch {
        // The role may already be someone else's; this term is over either way.
      }
    }
    this.resign();
    const session = await this.db.lockedSession(this.lockId);
    if (!session) return null;
    try {
      await this.options.onLead?.(session);
    } catch (error) {
      session.end();
      throw error;
    }
    this.session = session;
    this.checkedAt = this.now();
    return session;
  }

  /** Ends the term: the connection is closed, and with it the lock. Safe when not leading. */
  resign(): void {
    this.session?.end();
    this.session = undefined;
  }
}
