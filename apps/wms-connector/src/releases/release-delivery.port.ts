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
  send(release: WarehouseRelease): Promise<MailboxDelivery>;
}

export const MAILBOX_RELEASE_SENDER = Symbol('MAILBOX_RELEASE_SENDER');
