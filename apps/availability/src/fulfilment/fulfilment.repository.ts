import { Injectable } from '@nestjs/common';
import type { OrderFulfilment } from '@crossdock/contracts';
import { fulfilmentChanges, isNewerFulfilment, type ConsumedLine, type ErpPostingFact, type FulfilmentStatement } from '@crossdock/availability/domain';
import { Prisma } from '../generated/prisma/client';
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
 *
 * The fulfilment topic and the accepted-orders topic are read independently, so a shipment can
 * arrive before the acceptance that reserves its lines (a lagging consumer, a restart). Such a
 * statement is kept with the order (`awaitingStatement`) and applied again by `applyAwaiting`
 * once the acceptance has reserved the lines; applying a statement twice changes nothing, since
 * each line moves only by the shipped units it has not applied yet.
 */
@Injectable()
export class FulfilmentRepository {
  constructor(private readonly prisma: PrismaService) {}

  apply(fulfilment: OrderFulfilment): Promise<FulfilmentResult> {
    const statement: FulfilmentStatement = { orderId: fulfilment.orderId, version: fulfilment.version, updatedAt: fulfilment.updatedAt };
    return this.prisma.$transaction(async (tx) => {
      await lockOrder(tx, statement.orderId);
      const applied = await tx.fulfilmentApplied.findUnique({ where: { orderId: statement.orderId } });
      const appliedVersion = applied === null ? null : Number(applied.version);
      if (!isNewerFulfilment(appliedVersion, statement)) return { kind: 'STALE', appliedVersion: appliedVersion ?? 0 };
      const { lines, awaitingAcceptance } = await applyLines(tx, fulfilment, statement);
      const awaitingStatement = awaitingAcceptance ? (fulfilment as unknown as Prisma.InputJsonValue) : Prisma.DbNull;
      await tx.fulfilmentApplied.upsert({
        where: { orderId: statement.orderId },
        create: { orderId: statement.orderId, version: BigInt(statement.version), awaitingStatement },
        update: { version: BigInt(statement.version), awaitingStatement },
      });
      return { kind: 'APPLIED', lines };
    }, TX_OPTIONS);
  }

  /** Applies the order's statement kept while some of its lines were not reserved yet; STALE when none is kept. */
  applyAwaiting(orderId: string): Promise<FulfilmentResult> {
    return this.prisma.$transaction(async (tx) => {
      await lockOrder(tx, orderId);
      const applied = await tx.fulfilmentApplied.findUnique({ where: { orderId } });
      if (!applied?.awaitingStatement) return { kind: 'STALE', appliedVersion: applied ? Number(applied.version) : 0 };
      const fulfilment = applied.awaitingStatement as unknown as OrderFulfilment;
      const statement: FulfilmentStatement = { orderId, version: fulfilment.version, updatedAt: fulfilment.updatedAt };
      const { lines, awaitingAcceptance } = await applyLines(tx, fulfilment, statement);
      if (!awaitingAcceptance) await tx.fulfilmentApplied.update({ where: { orderId }, data: { awaitingStatement: Prisma.DbNull } });
      return { kind: 'APPLIED', lines };
    }, TX_OPTIONS);
  }
}

async function lockOrder(tx: Prisma.TransactionClient, orderId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtext('order-fulfilment'), hashtext(${orderId}))::text`;
}

/** Each line of the statement against its reservation; `awaitingAcceptance` when a line has no reservation line yet. */
async function applyLines(
  tx: Prisma.TransactionClient,
  fulfilment: OrderFulfilment,
  statement: FulfilmentStatement,
): Promise<{ lines: FulfilledLineResult[]; awaitingAcceptance: boolean }> {
  const lines: FulfilledLineResult[] = [];
  let awaitingAcceptance = false;
  // Lines in a fixed order, so two transactions touching the same lines lock them alike.
  for (const line of [...fulfilment.lines].sort((a, b) => compare(a.lineId, b.lineId) || compare(a.locationId, b.locationId))) {
    let row = await lockLine(tx, statement.orderId, line.lineId);
    if (!row) {
      awaitingAcceptance = true;
      continue;
    }
    // A line that reserved nothing (short) has nothing to consume.
    const reservation = lineOf(row).reservation;
    if (!reservation) continue;
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
  return { lines, awaitingAcceptance };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
