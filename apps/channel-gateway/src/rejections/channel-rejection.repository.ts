import { Injectable } from '@nestjs/common';
import type { AdapterRejection } from '@crossdock/channel-adapters';
import type { SalesChannel } from '@crossdock/contracts';
import { PrismaService } from '../prisma/prisma.service';

export interface RecordedRejection {
  readonly channel: string;
  readonly channelAccountId: string;
  readonly channelOrderId: string | null;
  readonly documentRef: string;
  readonly code: string;
  readonly field: string | null;
  readonly message: string;
  readonly rejectedAt: string;
}

/** Polled documents the gateway refused, one row per document version (a re-poll does not add one). */
@Injectable()
export class ChannelRejectionRepository {
  constructor(private readonly prisma: PrismaService) {}

  async record(channel: SalesChannel, channelAccountId: string, documentRef: string, rejection: AdapterRejection): Promise<void> {
    const fields = { code: rejection.code, field: rejection.field, message: rejection.message, channelOrderId: rejection.channelOrderId };
    await this.prisma.channelRejection.upsert({
      where: { channelAccountId_documentRef: { channelAccountId, documentRef } },
      create: { channel, channelAccountId, documentRef, ...fields },
      update: fields,
    });
  }

  async list(filter: { channel?: string; channelAccountId?: string; limit: number }): Promise<RecordedRejection[]> {
    const rows = await this.prisma.channelRejection.findMany({
      where: { ...(filter.channel ? { channel: filter.channel } : {}), ...(filter.channelAccountId ? { channelAccountId: filter.channelAccountId } : {}) },
      orderBy: { id: 'desc' },
      take: filter.limit,
    });
    return rows.map(({ id: _id, rejectedAt, ...row }) => ({ ...row, rejectedAt: rejectedAt.toISOString() }));
  }
}
