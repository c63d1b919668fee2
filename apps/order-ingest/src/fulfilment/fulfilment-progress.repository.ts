import { Injectable } from '@nestjs/common';
import type { FulfilmentProgress } from '@crossdock/order-ingest/domain';
import type { Prisma } from '../generated/prisma/client';
import { PrismaService } from '../prisma/prisma.service';

/**
 * The `OrderFulfilmentProgress` table: how far the warehouse got with each order. Kept in the
 * database rather than an in-memory table because it is per-order state that the cancellation
 * decision reads inside its own transaction, so every instance sees every order's progress
 * whichever of them consumed the record, and it does not grow the heap with every order ever shipped.
 */
@Injectable()
export class FulfilmentProgressRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores the order's progress unless a record of the same or a newer version was stored: one
   * statement, so a redelivered or out-of-order record changes nothing. False when it did not apply.
   */
  async record(orderId: string, progress: FulfilmentProgress, version: number): Promise<boolean> {
    const applied = await this.prisma.$executeRaw`
      INSERT INTO "OrderFulfilmentProgress" ("orderId", "progress", "version", "updatedAt")
      VALUES (${orderId}, ${progress}, ${BigInt(version)}, now())
      ON CONFLICT ("orderId") DO UPDATE SET "progress" = EXCLUDED."progress", "version" = EXCLUDED."version", "updatedAt" = now()
      WHERE "OrderFulfilmentProgress"."version" < EXCLUDED."version"`;
    return applied === 1;
  }
}

/** The order's progress as the deciding transaction sees it; NOT_STARTED until shipment-events says otherwise. */
export async function fulfilmentProgressOf(tx: Prisma.TransactionClient, orderId: string): Promise<FulfilmentProgress> {
  const row = await tx.orderFulfilmentProgress.findUnique({ where: { orderId }, select: { progress: true } });
  return (row?.progress as FulfilmentProgress | undefined) ?? 'NOT_STARTED';
}
