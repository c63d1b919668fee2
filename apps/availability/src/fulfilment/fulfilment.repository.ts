import { Injectable } from '@nestjs/common';
import type { OrderFulfilment } from '@crossdock/contracts';
import { fulfilmentChanges, isNewerFulfilment, type ConsumedLine, type ErpPostingFact, type FulfilmentStatement } from '@crossdock/availability/domain';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';
import { changeLockedLine, lineOf, lockLine, type LineChange } from '../reservations/reservation-change.writer';

// A large order locks each of its lines in turn; give it time instead of failing the partition.
const TX_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;

/** What one fulfilment line did: the reservation changes it made and the line's consumed units now. */
export interface FulfilledLineResult {
  readonly changes: readonly LineChange[];
  readonly consumed: ConsumedLine;
}

/** STALE: the order's statement is not newer than the one applied, so nothing changed. */
export type FulfilmentResult =
  { readonly kind: 'STALE'; readonly appliedVersion: number } | { readonly kind: 'APPLIED'; readonly lines: readonly FulfilledLineResult[] };

/**
 * Applies an order's fulfilment statement to its reservations in ONE transaction: the order's
 * applied version (under a transaction advisory lock on the order, so two deliveries of the same
 * order serialise), then per line its reservation row locked, the domain's fulfilmentChanges
 * applied one after the other through the same writer as cancellations and expiries (each
 * change with its ReservationEvent in the outbox), and the line's shipped / consumed units and
 * ERP postings. A crash anywhere leaves nothing half-applied; the redelivery applies it whole.
 */
@Injectable()
export class FulfilmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  apply(fulfilment: OrderFulfilment): Promise<FulfilmentResult> {
    const statement: FulfilmentStatement = { orderId: fulfilment.orderId, version: fulfilment.version, updatedAt: fulfilment.updatedAt };
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('order-fulfilment'), hashtext(${statement.orderId}))::text`;
      const applied = await tx.fulfilmentApplied.findUnique({ where: { orderId: statement.orderId } });
      const appliedVersion = applied === null ? null : Number(applied.version);
      if (!isNewerFulfilment(appliedVersion, statement)) return { kind: 'STALE', appliedVersion: appliedVersion ?? 0 };
      const lines: FulfilledLineResult[] = [];
      // Lines in a fixed order, so two transactions touching the same lines lock them alike.
      for (const line of [...fulfilment.lines].sort((a, b) => compare(a.lineId, b.lineId) || compare(a.locationId, b.locationId))) {
        let row = await lockLine(tx, statement.orderId, line.lineId);
        // A line never accepted here, or one that reserved nothing (short), has nothing to consume.
        const reservation = row && lineOf(row).reservation;
        if (!row || !reservation) continue;
        const key = { orderId: statement.orderId, lineId: line.lineId, locationId: line.locationId };
        const before = await tx.consumedLine.findUnique({ where: { orderId_lineId_locationId: key } });
        const commands = fulfilmentChanges({ statement, line, reservation, shippedBefore: before?.shippedQuantity ?? 0 });
        const changes: LineChange[] = [];
        let consumedQuantity = before?.consumedQuantity ?? 0;
        for (const command of commands) {
          const change = await changeLockedLine(tx, row, command);
          if (!change) continue;
          row = change.row;
          if (command.type === 'CONSUMED') consumedQuantity -= change.openDelta;
          changes.push(change);
        }
        const postings: ErpPostingFact[] = line.erpPostings.map((posting) => ({ quantity: posting.quantity, postedAt: posting.postedAt }));
        const data = {
          // The reservation's SKU: its consumed units count where it was reserved.
          sku: row.sku,
          channelAccountId: row.channelAccountId,
          shippedQuantity: line.shippedQuantity,
          consumedQuantity,
          postings: postings as unknown as Prisma.InputJsonValue,
        };
        // Any statement clears the settled mark: memory settles the line again from its new facts.
        await tx.consumedLine.upsert({ where: { orderId_lineId_locationId: key }, create: { ...key, ...data }, update: { ...data, settledAt: null } });
        lines.push({ changes, consumed: { ...key, ...data, postings } });
      }
      await tx.fulfilmentApplied.upsert({
        where: { orderId: statement.orderId },
        create: { orderId: statement.orderId, version: BigInt(statement.version) },
        update: { version: BigInt(statement.version) },
      });
      return { kind: 'APPLIED', lines };
    }, TX_OPTIONS);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
