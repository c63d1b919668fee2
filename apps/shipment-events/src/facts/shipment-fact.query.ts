import { Injectable } from '@nestjs/common';
import { PrismaService } from '../prisma/prisma.service';
import type { ShipmentFactDto } from './facts.dto';

export interface FactFilter {
  readonly status?: 'APPLIED' | 'WAITING' | 'EXCEPTION' | undefined;
  readonly kind?: 'WAREHOUSE' | 'TRACKING' | undefined;
  readonly orderId?: string | undefined;
  readonly eventId?: string | undefined;
  readonly receivedSince?: Date;
  /** The last factId of the previous page (facts are paged in factId order). */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** Reads what became of each warehouse and carrier fact; the fact store itself is written by the intake only. */
@Injectable()
export class ShipmentFactQuery {
  constructor(private readonly prisma: PrismaService) {}

  async list(filter: FactFilter): Promise<ShipmentFactDto[]> {
    const rows = await this.prisma.shipmentFact.findMany({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.kind ? { kind: filter.kind } : {}),
        ...(filter.orderId ? { orderId: filter.orderId } : {}),
        ...(filter.eventId ? { eventId: filter.eventId } : {}),
        ...(filter.receivedSince ? { receivedAt: { gte: filter.receivedSince } } : {}),
        ...(filter.after !== undefined ? { factId: { gt: filter.after } } : {}),
      },
      orderBy: { factId: 'asc' },
      take: filter.limit,
      select: {
        factId: true,
        kind: true,
        topic: true,
        eventId: true,
        orderId: true,
        carrierCode: true,
        trackingNumber: true,
        status: true,
        reason: true,
        detail: true,
        duplicateCount: true,
        sourceOccurredAt: true,
        receivedAt: true,
      },
    });
    return rows.map((row) => ({ ...row, sourceOccurredAt: row.sourceOccurredAt.toISOString(), receivedAt: row.receivedAt.toISOString() }));
  }
}
