import { writeInterchange } from './interchange.writer';
import type { X12Separators } from './x12.separators';

/**
 * X12 997 Functional Acknowledgement content and serialisation (AK1/AK2/AK3/AK4/AK5/AK9), written
 * back to the trading partner for every functional group received (850s from a retailer, 945s from
 * a 3PL, 940s at a simulated 3PL).
 */

/** AK304 segment syntax error codes. */
export const Ak3Code = { UnrecognizedSegment: '1', UnexpectedSegment: '2', MandatorySegmentMissing: '3', OutOfSequence: '7', DataElementErrors: '8' } as const;
/** AK403 data element error codes. */
export const Ak4Code = {
  MandatoryMissing: '1',
  TooShort: '4',
  TooLong: '5',
  InvalidCharacter: '6',
  InvalidCode: '7',
  InvalidDate: '8',
  InvalidTime: '9',
} as const;
/** AK502 transaction set error codes. */
export const Ak5Code = {
  NotSupported: '1',
  TrailerMissing: '2',
  ControlNumberMismatch: '3',
  SegmentCountMismatch: '4',
  SegmentsInError: '5',
} as const;
/** AK905 functional group error codes. */
export const Ak9Code = { NotSupported: '1', VersionNotSupported: '2', TrailerMissing: '3', TransactionCountMismatch: '4', ControlNumberMismatch: '5' } as const;

export interface SegmentErrorNote {
  /** AK301 segment id, e.g. 'PO1'. */
  readonly segmentId: string;
  /** AK302 position in the transaction set, ST = 1. */
  readonly position: number;
  /** AK304. */
  readonly code: string;
  readonly element?: {
    /** AK401 element position in the segment (1-based). */
    readonly position: number;
    /** AK402 data element reference number (e.g. 212 unit price), when known. */
    readonly reference: string | null;
    /** AK403. */
    readonly code: string;
    /** AK404 copy of the bad value. */
    readonly badValue: string | null;
  };
}

export interface TransactionSetAck {
  /** AK201 = ST01, e.g. '850'. */
  readonly setId: string;
  /** AK202 = ST02. */
  readonly controlNumber: string;
  readonly accepted: boolean;
  /** AK502.. when rejected. */
  readonly errorCodes: readonly string[];
  readonly segmentErrors: readonly SegmentErrorNote[];
}

export interface FunctionalGroupAck {
  /** AK101 = GS01, e.g. 'PO'. */
  readonly functionalIdCode: string;
  /** AK102 = GS06. */
  readonly groupControlNumber: string;
  /** GS08 of the group acknowledged; the 997 uses the same version. */
  readonly version: string;
  /** GS02 of the received group: the partner's application id, our 997's receiver. */
  readonly senderApplicationId: string;
  /** GE01 as declared (AK902). */
  readonly declaredCount: number;
  readonly transactionSets: readonly TransactionSetAck[];
  /** AK905.. */
  readonly groupErrorCodes: readonly string[];
}

export type Ak9Status = 'A' | 'E' | 'P' | 'R';

export function ak9Status(group: FunctionalGroupAck): Ak9Status {
  const accepted = group.transactionSets.filter((t) => t.accepted).length;
  if (group.groupErrorCodes.length > 0 || accepted === 0) return 'R';
  return accepted === group.transactionSets.length ? 'A' : 'P';
}

export interface InterchangeParties {
  /** Our ISA05:ISA06 ('ZZ:CROSSDOCKDIST'). */
  readonly ourId: string;
  /** Partner's ISA05:ISA06. */
  readonly partnerId: string;
  readonly ourApplicationId: string;
  /** ISA13 of the 997 interchange; its groups take GS06 = this, this + 1, ... */
  readonly controlNumber: number;
  /** ISA15 'P' production or 'T' test (echo the partner's). */
  readonly usageIndicator: string;
  /** ms since epoch; the 997's ISA09/ISA10/GS04/GS05 (UTC). */
  readonly createdAt: number;
  readonly separators: X12Separators;
  /** ISA11/ISA12 echoed from the received interchange. */
  readonly isa11: string;
  readonly isa12: string;
}

/** Serialises a complete 997 interchange (one GS/ST per acknowledged group). */
export function buildFunctionalAcknowledgement(parties: InterchangeParties, groups: readonly FunctionalGroupAck[]): string {
  return writeInterchange({
    sender: parties.ourId,
    receiver: parties.partnerId,
    controlNumber: parties.controlNumber,
    usageIndicator: parties.usageIndicator,
    createdAt: parties.createdAt,
    isa11: parties.isa11,
    isa12: parties.isa12,
    separators: parties.separators,
    groups: groups.map((group, g) => ({
      functionalId: 'FA',
      applicationSender: parties.ourApplicationId,
      applicationReceiver: group.senderApplicationId,
      controlNumber: parties.controlNumber + g,
      version: group.version,
      transactions: [{ setId: '997', controlNumber: '0001', segments: acknowledgementBody(group) }],
    })),
  });
}

/** AK1, per set AK2 (AK3/AK4 notes) AK5, then AK9: the body of one 997 transaction set. */
function acknowledgementBody(group: FunctionalGroupAck): string[][] {
  const body: string[][] = [['AK1', group.functionalIdCode, group.groupControlNumber]];
  for (const set of group.transactionSets) {
    body.push(['AK2', set.setId, set.controlNumber]);
    for (const error of set.segmentErrors) {
      body.push(['AK3', error.segmentId, String(error.position), '', error.code]);
      if (error.element) body.push(['AK4', String(error.element.position), error.element.reference ?? '', error.element.code, error.element.badValue ?? '']);
    }
    body.push(['AK5', set.accepted ? 'A' : 'R', ...set.errorCodes.slice(0, 5)]);
  }
  const accepted = group.transactionSets.filter((s) => s.accepted).length;
  body.push([
    'AK9',
    ak9Status(group),
    String(group.declaredCount),
    String(group.transactionSets.length),
    String(accepted),
    ...group.groupErrorCodes.slice(0, 5),
  ]);
  return body;
}
