import { basename } from 'node:path';
import { Injectable } from '@nestjs/common';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { archivePath, fileAway, readClaimed, type DropFolders } from '@crossdock/edi/mailbox';
import { readInterchange, readX12Sender } from '@crossdock/edi/x12';
import { withSpan } from '@crossdock/observability';
import type { ThirdPartyMailbox } from '../config/wms-connector-config.schema';
import { AcknowledgementMatcher } from './acknowledgement.matcher';
import { ShipmentAdviceHandler, type AdviceVerdict } from './shipment-advice.handler';
import { sameInterchangeId } from './third-party.mailboxes';

/** Why a whole file was refused: the code and message of its `.reason.json` note. */
export interface FileRefusal {
  readonly code:
    | 'NOT_X12'
    | 'WRONG_RECEIVER'
    | 'ENVELOPE_INVALID'
    | 'UNSUPPORTED'
    | 'UNKNOWN_PARTNER'
    | 'UNSUPPORTED_DOCUMENT'
    | 'UNMATCHED_ACKNOWLEDGEMENT'
    | 'CONTROL_COUNT_MISMATCH'
    | 'CONTROL_NUMBER_MISMATCH';
  readonly message: string;
}

export type ThirdPartyFileResult =
  /** A 997 about a 940 whose sending is not recorded yet: the file stays claimed for the next round. */
  | { readonly file: string; readonly disposition: 'WAITING' }
  | {
      readonly file: string;
      readonly disposition: 'PROCESSED' | 'PARTIALLY_REJECTED' | 'REJECTED';
      readonly document: '945' | '997' | null;
      readonly archivedAs: string;
      readonly refusal: FileRefusal | null;
      readonly advice: AdviceVerdict | null;
    };

/**
 * One file a 3PL dropped in its inbound folder: a 945 (GS01 SW) goes to {@link ShipmentAdviceHandler},
 * a 997 (GS01 FA) to {@link AcknowledgementMatcher}. A file that is not X12, comes from another ISA
 * sender than the mailbox's 3PL, or is neither goes to rejected/ with a `.reason.json` note and
 * changes nothing. Every step is repeatable: a crash leaves the file claimed and it is handled again.
 */
@Injectable()
export class ThirdPartyFileProcessor {
  constructor(
    private readonly advices: ShipmentAdviceHandler,
    private readonly acknowledgements: AcknowledgementMatcher,
  ) {}

  process(mailbox: ThirdPartyMailbox, folders: DropFolders, workPath: string): Promise<ThirdPartyFileResult> {
    const file = basename(workPath);
    return withSpan(
      '3pl file receive',
      { kind: SpanKind.CONSUMER, parent: ROOT_CONTEXT, attributes: { 'crossdock.location_id': mailbox.locationId, 'file.name': file } },
      async (span) => {
        const { content, sha256 } = await readClaimed(workPath);
        span.setAttribute('file.sha256', sha256);
        const receivedAt = Date.now();
        const refuse = async (refusal: FileRefusal, document: '945' | '997' | null = null): Promise<ThirdPartyFileResult> => {
          const archivedAs = await archivePath(folders.rejected, file, sha256);
          await fileAway(workPath, archivedAs, {
            file,
            locationId: mailbox.locationId,
            document,
            ...refusal,
            sha256,
            receivedAt: new Date(receivedAt).toISOString(),
          });
          return { file, disposition: 'REJECTED', document, archivedAs, refusal, advice: null };
        };

        const read = readInterchange(content);
        if ('problem' in read) return refuse(read.problem);
        const sender = readX12Sender(content) ?? read.interchange.sender;
        if (!sameInterchangeId(sender, mailbox.partnerInterchangeId)) {
          return refuse({ code: 'UNKNOWN_PARTNER', message: `ISA sender ${sender} is not ${mailbox.partnerInterchangeId}, the 3PL of ${mailbox.locationId}` });
        }
        if (!sameInterchangeId(read.interchange.receiver, mailbox.ourInterchangeId)) {
          return refuse({ code: 'WRONG_RECEIVER', message: `ISA receiver ${read.interchange.receiver} is not us (${mailbox.ourInterchangeId})` });
        }
        const functionalId = read.interchange.groups[0]?.gs.el(1) ?? '';
        span.setAttribute('edi.functional_id', functionalId);
        if (functionalId === 'FA') {
          const matched = await this.acknowledgements.match(mailbox, content);
          if (matched.kind === 'WAITING') return { file, disposition: 'WAITING' };
          if (matched.kind === 'REFUSED') return refuse(matched.refusal, '997');
          const archivedAs = await archivePath(folders.processed, file, sha256);
          await fileAway(workPath, archivedAs);
          return { file, disposition: 'PROCESSED', document: '997', archivedAs, refusal: null, advice: null };
        }
        if (functionalId === 'SW') {
          const advice = await this.advices.handle(mailbox, { file, content, sha256 }, receivedAt);
          if (advice.kind === 'UNREADABLE') return refuse(advice.problem, '945');
          const archivedAs = await archivePath(advice.disposition === 'PROCESSED' ? folders.processed : folders.rejected, file, sha256);
          const note = advice.disposition === 'PROCESSED' ? undefined : { file, locationId: mailbox.locationId, document: '945', ...advice, sha256 };
          await fileAway(workPath, archivedAs, note);
          return { file, disposition: advice.disposition, document: '945', archivedAs, refusal: null, advice };
        }
        return refuse({ code: 'UNSUPPORTED_DOCUMENT', message: `functional group ${functionalId || '(none)'} is neither SW (945) nor FA (997)` });
      },
    );
  }
}
