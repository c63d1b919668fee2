import { Injectable } from '@nestjs/common';
import { acknowledgementAnswer, type SetAcknowledgement } from '@crossdock/connectors/domain';
import { readFunctionalAcknowledgement, type ReceivedGroupAcknowledgement } from '@crossdock/edi/x12';
import { OutboxRelay } from '@crossdock/outbox';
import type { ThirdPartyMailbox } from '../config/wms-connector-config.schema';
import { releaseMetrics } from '../releases/release.metrics';
import { ReleaseQueueRepository, type StoredRelease } from '../releases/release-queue.repository';
import type { FileRefusal } from './third-party-file.processor';

export type AcknowledgementMatch =
  | { readonly kind: 'MATCHED'; readonly answered: number }
  /** A 940 it acknowledges is not recorded as sent yet (the 3PL was faster than our commit). */
  | { readonly kind: 'WAITING' }
  | { readonly kind: 'REFUSED'; readonly refusal: FileRefusal };

/**
 * A 3PL's 997 about our 940s: each group (AK1 = the GS06 we sent) is matched to the releases sent
 * under it, each set (AK2 = the ST02 we sent) to its release, and the release takes the outcome
 * `acknowledgementAnswer` gives (ACKNOWLEDGED or REJECTED with the AK5 codes; for a cancellation
 * CANCELLED or CANCEL_REFUSED), with its outcome event, in one transaction. Only a release still
 * SENT changes, so the same 997 read twice has one effect. A 997 that matches nothing is refused.
 */
@Injectable()
export class AcknowledgementMatcher {
  constructor(
    private readonly queue: ReleaseQueueRepository,
    private readonly relay: OutboxRelay,
  ) {}

  async match(mailbox: ThirdPartyMailbox, content: string): Promise<AcknowledgementMatch> {
    const read = readFunctionalAcknowledgement(content);
    if ('problem' in read) return { kind: 'REFUSED', refusal: { code: read.problem.code, message: read.problem.message } };
    let matched = 0;
    let answered = 0;
    let waiting = false;
    for (const group of read.acknowledgement.groups) {
      if (group.functionalIdCode !== 'OW') continue;
      for (const row of await this.queue.underGroup(mailbox.locationId, group.groupControlNumber)) {
        matched += 1;
        if (row.status === 'QUEUED') waiting = true;
        if (row.status !== 'SENT') continue;
        const answer = acknowledgementAnswer(row.action as 'RELEASE' | 'CANCEL', setAcknowledgementOf(group, row), row.warehouseReference);
        if (answer.kind === 'OUTCOME' && (await this.queue.recordAnswer(row, answer))) {
          answered += 1;
          releaseMetrics.outcomes.inc({ location: row.locationId, action: row.action, status: answer.status });
        }
      }
    }
    if (answered > 0) this.relay.wake();
    if (waiting) return { kind: 'WAITING' };
    if (matched === 0) {
      const groups = read.acknowledgement.groups.map((g) => `${g.functionalIdCode} ${g.groupControlNumber}`).join(', ');
      return {
        kind: 'REFUSED',
        refusal: { code: 'UNMATCHED_ACKNOWLEDGEMENT', message: `997 ${read.acknowledgement.controlNumber} acknowledges no 940 we sent (${groups})` },
      };
    }
    return { kind: 'MATCHED', answered };
  }
}

/** The AK5 of the release's set, or the group's AK9 when the 997 reports the group only. */
function setAcknowledgementOf(group: ReceivedGroupAcknowledgement, row: StoredRelease): SetAcknowledgement {
  const set = group.transactionSets.find((s) => s.controlNumber === row.transactionControl);
  if (set) return { status: set.status, errorCodes: set.errorCodes, notes: set.segmentNotes };
  if (group.transactionSets.length === 0) return { status: group.status, errorCodes: group.groupErrorCodes, notes: [] };
  return { status: 'R', errorCodes: [], notes: [`the 997 has no AK2 for transaction set ${row.transactionControl ?? '?'}`] };
}
