import { Injectable } from '@nestjs/common';
import type { ReleaseRecordStatus, WarehouseAnswer } from '@crossdock/connectors/domain';
import type { WarehouseRelease } from '@crossdock/contracts';
import { writeOutboxEvents } from '@crossdock/outbox';
import type { Prisma, WarehouseReleaseRecord } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { releaseOutcomeRow } from './release-outcomes.outbox';

export type StoredRelease = WarehouseReleaseRecord;

/** What a 940 dropped in a 3PL's mailbox is known by, until its 997 comes back. */
export interface MailboxDrop {
  readonly warehouseReference: string;
  readonly interchangeControl: string;
  readonly groupControl: string;
  readonly transactionControl: string;
}

export interface ReleaseFilter {
  readonly status?: ReleaseRecordStatus | undefined;
  readonly locationId?: string | undefined;
  readonly limit: number;
}

/**
 * The durable release queue and its answers. A release is stored once per (releaseId, action);
 * every answer is written with its outcome event in one transaction, and only to a row still in
 * the status it was read in, so a second dispatcher that raced this one changes nothing.
 */
@Injectable()
export class ReleaseQueueRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Stores a release as QUEUED; false when this release (and action) was stored before. */
  async store(release: WarehouseRelease, traceparent: string | null): Promise<boolean> {
    const stored = await this.prisma.warehouseReleaseRecord.createMany({
      data: [
        {
          releaseId: release.releaseId,
          action: release.action,
          orderId: release.orderId,
          locationId: release.locationId,
          locationType: release.locationType,
          release: release as unknown as Prisma.InputJsonValue,
          eventId: release.eventId,
          causationId: release.causationId,
          traceparent,
        },
      ],
      skipDuplicates: true,
    });
    return stored.count === 1;
  }

  /** Queued releases, oldest first (a location's release before its cancellation). */
  queued(limit: number): Promise<StoredRelease[]> {
    return this.prisma.warehouseReleaseRecord.findMany({ where: { status: 'QUEUED' }, orderBy: { id: 'asc' }, take: limit });
  }

  /** The warehouse's id for a release that reached it (the WMS request id), if it did. */
  async warehouseReferenceOf(releaseId: string): Promise<string | null> {
    const row = await this.prisma.warehouseReleaseRecord.findUnique({ where: { releaseId_action: { releaseId, action: 'RELEASE' } } });
    return row?.warehouseReference ?? null;
  }

  /** The location's system did not answer: the release stays queued, with the error for operations. */
  async noteUnreachable(row: StoredRelease, error: string): Promise<void> {
    await this.prisma.warehouseReleaseRecord.updateMany({ where: { id: row.id, status: 'QUEUED' }, data: { attempts: { increment: 1 }, lastError: error } });
  }

  /** The warehouse answered: the row takes the answer and its outcome event goes to the outbox, together. */
  async recordAnswer(row: StoredRelease, answer: Extract<WarehouseAnswer, { kind: 'OUTCOME' }>, drop?: MailboxDrop): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      const now = new Date();
      const changed = await tx.warehouseReleaseRecord.updateMany({
        where: { id: row.id, status: row.status },
        data: {
          status: answer.status,
          ...(row.status === 'QUEUED' ? { attempts: { increment: 1 }, sentAt: now } : {}),
          lastError: null,
          warehouseReference: drop?.warehouseReference ?? answer.warehouseReference ?? row.warehouseReference,
          ...(drop ? { interchangeControl: drop.interchangeControl, groupControl: drop.groupControl, transactionControl: drop.transactionControl } : {}),
          reason: answer.reason,
          detail: answer.detail,
          answeredAt: now,
        },
      });
      if (changed.count !== 1) return false;
      await writeOutboxEvents(tx, [releaseOutcomeRow(row, answer, now.getTime())]);
      return true;
    });
  }

  /**
   * The 940's control numbers for a queued row: the ones it already has (a retry writes the same
   * interchange again), else `candidate` (ISA13 = GS06, one transaction 0001), kept before the file
   * is written so a 997 that comes back before SENT is recorded still finds its release.
   */
  async claimControlNumber(id: bigint, candidate: () => Promise<number>): Promise<string> {
    const row = await this.prisma.warehouseReleaseRecord.findUniqueOrThrow({ where: { id } });
    if (row.interchangeControl !== null) return row.interchangeControl;
    const value = String(await candidate());
    const claimed = await this.prisma.warehouseReleaseRecord.updateMany({
      where: { id, interchangeControl: null },
      data: { interchangeControl: value, groupControl: value, transactionControl: '0001' },
    });
    if (claimed.count === 1) return value;
    return (await this.prisma.warehouseReleaseRecord.findUniqueOrThrow({ where: { id } })).interchangeControl ?? value;
  }

  /** The 940s written to a 3PL under one functional group (a 997 answers a group), whatever became of them since. */
  underGroup(locationId: string, groupControl: string): Promise<StoredRelease[]> {
    return this.prisma.warehouseReleaseRecord.findMany({ where: { locationId, groupControl }, orderBy: { id: 'asc' } });
  }

  list(filter: ReleaseFilter): Promise<StoredRelease[]> {
    return this.prisma.warehouseReleaseRecord.findMany({
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.locationId ? { locationId: filter.locationId } : {}) },
      orderBy: { id: 'desc' },
      take: filter.limit,
    });
  }

  /** Releases still waiting for their location's system, per location, and the oldest one's age. */
  async backlog(now = Date.now()): Promise<Array<{ locationId: string; queued: number; oldestAgeMs: number }>> {
    const groups = await this.prisma.warehouseReleaseRecord.groupBy({
      by: ['locationId'],
      where: { status: 'QUEUED' },
      _count: { _all: true },
      _min: { receivedAt: true },
    });
    return groups.map((g) => ({ locationId: g.locationId, queued: g._count._all, oldestAgeMs: g._min.receivedAt ? now - g._min.receivedAt.getTime() : 0 }));
  }
}
