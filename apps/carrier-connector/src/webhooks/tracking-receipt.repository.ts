import { Injectable } from '@nestjs/common';
import { Topics, type TrackingUpdate } from '@crossdock/contracts';
import { outboxRow, receiveOnce, writeOutboxEvents } from '@crossdock/outbox';
import { PrismaService } from '../prisma/prisma.service';

export type ReceiptResult = 'recorded' | 'duplicate';

/**
 * The webhook receipts, one per provider event id (the platform inbox's InboxReceipt). An accepted
 * update's receipt and its outbox row commit in one transaction before the webhook is answered:
 * a crash after the commit loses nothing (the relay publishes the row), a crash before it means no
 * 200 and the provider delivers again, and a redelivery finds the receipt and writes nothing.
 */
@Injectable()
export class TrackingReceiptRepository {
  constructor(private readonly prisma: PrismaService) {}

  accept(provider: string, update: TrackingUpdate, description: string): Promise<ReceiptResult> {
    return this.prisma.sql.transaction(async (tx) => {
      const first = await receiveOnce(tx, {
        messageId: receiptIdOf(provider, update.sourceEventId),
        subject: `${update.carrier}/${update.trackingCode}`,
        dedupKey: update.eventId,
        outcome: `PUBLISH ${description}`,
        duplicate: false,
      });
      if (!first) return 'duplicate';
      await writeOutboxEvents(tx, [outboxRow(Topics.carrierTracking, update, { eventId: update.eventId, causationId: update.sourceEventId })]);
      return 'recorded';
    });
  }

  /** An Event the hub has no use for (batch.updated, refund.successful...): acknowledged and kept as ignored. */
  async ignore(provider: string, sourceEventId: string, description: string): Promise<ReceiptResult> {
    const first = await receiveOnce(this.prisma.sql, {
      messageId: receiptIdOf(provider, sourceEventId),
      subject: description,
      dedupKey: `${provider}#${description}`,
      outcome: `IGNORE ${description}`,
      duplicate: false,
    });
    return first ? 'recorded' : 'duplicate';
  }
}

/** `easypost:evt_...`: provider event ids are unique only within their provider. */
function receiptIdOf(provider: string, sourceEventId: string): string {
  return `${provider}:${sourceEventId}`;
}
