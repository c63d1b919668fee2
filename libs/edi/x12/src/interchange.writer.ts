import { DEFAULT_SEPARATORS, type X12Separators } from './x12.separators';

/** One transaction set to write: its id, ST02, and the segments between ST and SE (tag first). */
export interface TransactionToWrite {
  /** ST01, e.g. '940'. */
  readonly setId: string;
  /** ST02 / SE02, 4 to 9 characters, unique within the group. */
  readonly controlNumber: string;
  readonly segments: readonly (readonly string[])[];
}

export interface GroupToWrite {
  /** GS01, e.g. 'OW' (940), 'SW' (945), 'FA' (997). */
  readonly functionalId: string;
  /** GS02, the sender's application id. */
  readonly applicationSender: string;
  /** GS03, the receiver's application id. */
  readonly applicationReceiver: string;
  /** GS06 / GE02. */
  readonly controlNumber: number;
  /** GS08, e.g. '004010'. */
  readonly version: string;
  readonly transactions: readonly TransactionToWrite[];
}

export interface InterchangeToWrite {
  /** `ISA05:ISA06`, e.g. 'ZZ:CROSSDOCKDIST' (no qualifier means ZZ, mutually defined). */
  readonly sender: string;
  /** `ISA07:ISA08`. */
  readonly receiver: string;
  /** ISA13 / IEA02, written as 9 digits. */
  readonly controlNumber: number;
  /** ISA15: 'P' production, 'T' test. */
  readonly usageIndicator: string;
  /** ms since epoch: ISA09/ISA10 and GS04/GS05 (UTC). */
  readonly createdAt: number;
  /** ISA11 (4010: 'U'; 5010: the repetition separator) and ISA12 (interchange version, '00401'). */
  readonly isa11?: string;
  readonly isa12?: string;
  /** ISA14: ask the receiver for a TA1 interchange acknowledgment. Default false ('0'). */
  readonly acknowledgmentRequested?: boolean;
  readonly separators?: X12Separators;
  readonly groups: readonly GroupToWrite[];
}

/**
 * Serialises a complete interchange: ISA (fixed length, ids padded to 15), GS/ST per group and set,
 * SE01 segment counts, GE01 set counts, IEA01 group count, control numbers repeated in the trailers.
 * An element separator or terminator inside a value would break the file, so it becomes a space.
 */
export function writeInterchange(input: InterchangeToWrite): string {
  const separators = input.separators ?? DEFAULT_SEPARATORS;
  const { element: e, segment: t, lineBreak } = separators;
  const at = x12Timestamp(input.createdAt);
  const [senderQualifier, senderId] = splitPartyId(input.sender);
  const [receiverQualifier, receiverId] = splitPartyId(input.receiver);
  const control = String(input.controlNumber).padStart(9, '0');
  const segments: (readonly string[])[] = [
    [
      'ISA',
      '00',
      ' '.repeat(10),
      '00',
      ' '.repeat(10),
      senderQualifier,
      senderId.padEnd(15),
      receiverQualifier,
      receiverId.padEnd(15),
      at.yymmdd,
      at.hhmm,
      input.isa11 ?? separators.repetition ?? 'U',
      input.isa12 ?? '00401',
      control,
      input.acknowledgmentRequested ? '1' : '0',
      input.usageIndicator,
      separators.component,
    ],
  ];
  for (const group of input.groups) {
    const gsControl = String(group.controlNumber);
    segments.push(['GS', group.functionalId, group.applicationSender, group.applicationReceiver, at.ccyymmdd, at.hhmm, gsControl, 'X', group.version]);
    for (const set of group.transactions) {
      segments.push(['ST', set.setId, set.controlNumber], ...set.segments, ['SE', String(set.segments.length + 2), set.controlNumber]);
    }
    segments.push(['GE', String(group.transactions.length), gsControl]);
  }
  segments.push(['IEA', String(input.groups.length), control]);
  const clean = (v: string) => v.replaceAll(e, ' ').replaceAll(t, ' ');
  return segments
    .map((s, i) =>
      i === 0
        ? s.map((v, n) => (n === 16 ? v : clean(v))).join(e) + t + lineBreak
        : trimTrailingEmpty(s)
            .map((v) => clean(v))
            .join(e) +
          t +
          lineBreak,
    )
    .join('');
}

/** 'ZZ:CROSSDOCKDIST' → ['ZZ', 'CROSSDOCKDIST']; an id without qualifier is ZZ (mutually defined). */
export function splitPartyId(id: string): [string, string] {
  const i = id.indexOf(':');
  return i < 0 ? ['ZZ', id] : [id.slice(0, i), id.slice(i + 1)];
}

/** The X12 date and time forms of an instant (UTC). */
export function x12Timestamp(at: number): { yymmdd: string; ccyymmdd: string; hhmm: string } {
  const iso = new Date(at).toISOString();
  const ccyymmdd = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
  return { yymmdd: ccyymmdd.slice(2), ccyymmdd, hhmm: iso.slice(11, 13) + iso.slice(14, 16) };
}

/** Trailing empty elements are left out (`AK4*1*354*7`, not `AK4*1*354*7*`). */
function trimTrailingEmpty(segment: readonly string[]): readonly string[] {
  let end = segment.length;
  while (end > 1 && segment[end - 1] === '') end -= 1;
  return end === segment.length ? segment : segment.slice(0, end);
}
