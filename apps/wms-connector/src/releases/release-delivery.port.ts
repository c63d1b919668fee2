import type { WarehouseAnswer } from '@crossdock/connectors/domain';
import type { WarehouseRelease } from '@crossdock/contracts';
import type { MailboxDrop } from './release-queue.repository';

/** What delivering a release to a 3PL's mailbox gives: its outcome (SENT) and the 940's control numbers. */
export interface MailboxDelivery {
  readonly answer: WarehouseAnswer;
  readonly drop?: MailboxDrop;
}

/** Writes a release (or its cancellation) as an X12 940 into the 3PL's mailbox. */
export interface MailboxReleaseSender {
  /** The 3PL locations it can send to (their mailboxes are configured). */
  readonly locations: ReadonlySet<string>;
  /** `stored`: the queue row, which keeps the 940's control number once allocated, so a retry writes the same interchange. */
  send(release: WarehouseRelease, stored: { readonly id: bigint; readonly interchangeControl: string | null }): Promise<MailboxDelivery>;
}

export const MAILBOX_RELEASE_SENDER = Symbol('MAILBOX_RELEASE_SENDER');
