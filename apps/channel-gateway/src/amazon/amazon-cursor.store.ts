import type { AmazonPollCursor, CursorStore } from '@crossdock/channel-adapters';
import type { PrismaService } from '../prisma/prisma.service';

/** The Amazon poller's position for one account, as a row; saved after each acknowledged batch. */
export class PrismaAmazonCursorStore implements CursorStore {
  constructor(
    private readonly prisma: PrismaService,
    private readonly channelAccountId: string,
  ) {}

  async load(): Promise<AmazonPollCursor | null> {
    const row = await this.prisma.amazonPollCursor.findUnique({ where: { channelAccountId: this.channelAccountId } });
    return row ? { watermark: row.watermark, seen: row.seen } : null;
  }

  async save(cursor: AmazonPollCursor): Promise<void> {
    const values = { watermark: cursor.watermark, seen: [...cursor.seen] };
    await this.prisma.amazonPollCursor.upsert({
      where: { channelAccountId: this.channelAccountId },
      create: { channelAccountId: this.channelAccountId, ...values },
      update: values,
    });
  }
}
