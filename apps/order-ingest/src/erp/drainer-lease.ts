import { randomUUID } from 'node:crypto';
import type { PrismaService } from '../prisma/prisma.service';

const LEASE_NAME = 'erp-drainer';

/**
 * One drainer per deployment: the ERP's rate limit and the per-order sequence are enforced by one
 * process at a time. A lease row (not a session advisory lock, which a pooled connection cannot
 * hold reliably) that the holder renews each round and another instance takes over once it expired.
 */
export class DrainerLease {
  readonly holder = randomUUID();

  constructor(
    private readonly prisma: PrismaService,
    private readonly ttlMs: number,
  ) {}

  async acquireOrRenew(): Promise<boolean> {
    const expiresAt = new Date(Date.now() + this.ttlMs);
    const taken = await this.prisma.$executeRaw`
      INSERT INTO "DrainerLease" ("name", "holder", "expiresAt") VALUES (${LEASE_NAME}, ${this.holder}, ${expiresAt})
      ON CONFLICT ("name") DO UPDATE SET "holder" = EXCLUDED."holder", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "DrainerLease"."holder" = ${this.holder} OR "DrainerLease"."expiresAt" < now()`;
    return taken === 1;
  }

  async release(): Promise<void> {
    await this.prisma.$executeRaw`DELETE FROM "DrainerLease" WHERE "name" = ${LEASE_NAME} AND "holder" = ${this.holder}`;
  }
}
