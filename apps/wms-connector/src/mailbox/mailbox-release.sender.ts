import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { write940 } from '@crossdock/connectors/domain';
import type { WarehouseRelease } from '@crossdock/contracts';
import { writeAtomically } from '@crossdock/edi/mailbox';
import type { MailboxDelivery, MailboxReleaseSender } from '../releases/release-delivery.port';
import { ReleaseQueueRepository } from '../releases/release-queue.repository';
import { EdiControlCounter } from './edi-control.counter';
import { ShipmentAdviceRepository } from './shipment-advice.repository';
import { partnerOf, ThirdPartyMailboxes } from './third-party.mailboxes';

/**
 * A release to a 3PL: one X12 940 interchange (W0501 N, or F for a cancellation) written whole into
 * the 3PL's mailbox (temp file and rename, so the 3PL never collects half a file). The control
 * number is allocated once per release and kept on its row before the file is written: a retry
 * after a crash writes the same interchange under the same name. The outcome is SENT, with the
 * control numbers its 997 will quote; a mailbox that cannot be written counts as the 3PL being down.
 * A cancellation of a release the 3PL already reported shipped (945) is refused here, with
 * ALREADY_SHIPPED, without a 940.
 */
@Injectable()
export class MailboxReleaseSenderService implements MailboxReleaseSender {
  constructor(
    private readonly mailboxes: ThirdPartyMailboxes,
    private readonly counter: EdiControlCounter,
    private readonly queue: ReleaseQueueRepository,
    private readonly advices: ShipmentAdviceRepository,
  ) {}

  get locations(): ReadonlySet<string> {
    return this.mailboxes.locations();
  }

  async send(release: WarehouseRelease, stored: { readonly id: bigint; readonly interchangeControl: string | null }): Promise<MailboxDelivery> {
    const mailbox = this.mailboxes.of(release.locationId);
    if (!mailbox) {
      return {
        answer: { kind: 'OUTCOME', status: 'REJECTED', warehouseReference: null, reason: 'UNKNOWN_LOCATION', detail: `no mailbox for ${release.locationId}` },
      };
    }
    // The 3PL already reported this release shipped: a 940 cancel could only be refused.
    const shipped = release.action === 'CANCEL' ? await this.advices.shippedFor(release.releaseId) : null;
    if (shipped) {
      const detail = `the 3PL reported it shipped in a 945 (${shipped.factKey}) on ${shipped.receivedAt.toISOString()}`;
      return { answer: { kind: 'OUTCOME', status: 'CANCEL_REFUSED', warehouseReference: null, reason: 'ALREADY_SHIPPED', detail } };
    }
    const control = Number(stored.interchangeControl ?? (await this.queue.claimControlNumber(stored.id, () => this.counter.next(mailbox.locationId))));
    const file = write940([release], partnerOf(mailbox), { interchangeControlNumber: control, createdAt: Date.now() });
    const transaction = file.transactions[0]?.controlNumber ?? '0001';
    try {
      await writeAtomically(join(mailbox.outboundDir, `940-${String(control).padStart(9, '0')}.x12`), file.content);
    } catch (error) {
      return {
        answer: { kind: 'UNREACHABLE', error: `mailbox ${mailbox.outboundDir} not writable: ${error instanceof Error ? error.message : String(error)}` },
      };
    }
    const warehouseReference = `ISA ${control} GS ${file.groupControlNumber} ST ${transaction}`;
    return {
      answer: { kind: 'OUTCOME', status: 'SENT', warehouseReference, reason: null, detail: null },
      drop: { warehouseReference, interchangeControl: String(control), groupControl: String(file.groupControlNumber), transactionControl: transaction },
    };
  }
}
