import { randomUUID } from 'node:crypto';
import type { PrismaService } from '../prisma/prisma.service';

const LEASE_NAME = 'erp-drainer';

/**
 * One drainer per deployment: the ERP's rate limit and the per-order sequence are enforced by one
 * process at a time. A lease row (not a session advisory lock, which a pooled connection cannot
 * hold reliably) that the holder keeps renewing and another instance takes over once it expired.
 */
export class DrainerLease {
  readonly holder = randomUUID();
  /** Until when this process holds the lease for sure; renewals before then are skipped. */
  private heldUntil = 0;

  constructor(
    private readonly prisma: PrismaService,
    private readonly ttlMs: number,
  ) {}

  /**
   * Renews once a third of the lease has passed, not every round: under load a round runs every
   * few milliseconds, and a write per round would cost more than the rounds' own work.
   */
  async acquireOrRenew(): Promise<boolean> {
    const now = Date.now();
    if (now < this.heldUntil - (this.ttlMs * 2) / 3) return true;
    const expiresAt = new Date(now + this.ttlMs);
    const taken = await this.prisma.$executeRaw`
      INSERT INTO "DrainerLease" ("name", "holder", "expiresAt") VALUES (${LEASE_NAME}, ${this.holder}, ${expiresAt})
      ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "DrainerLease"."holder" = ${this.holder} OR "DrainerLease"."expiresAt" < now()`;
    this.heldUntil = taken === 1 ? expiresAt.getTime() : 0;
    return taken === 1;
  }

  /** Whether the lease is still this process's at `now` without asking the database. */
  holdsAt(now: number): boolean {
    return now < this.heldUntil;
  }

  async release(): Promise<void> {
    this.heldUntil = 0;
    await this.prisma.$executeRaw`DELETE FROM "DrainerLease" WHERE "name" = ${LEASE_NAME} AND "holder" = ${this.holder}`;
  }
}
