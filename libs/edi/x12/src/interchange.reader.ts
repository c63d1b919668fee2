import { readIsa, type X12Separators } from './x12.separators';
import { x12Seg, type X12Seg } from './x12.segment';

/** One ST..SE transaction set. */
export interface X12TransactionSet {
  readonly st: X12Seg;
  /** Null when the set ends without an SE. */
  readonly se: X12Seg | null;
  /** The segments between ST and SE, positions counted from ST = 1. */
  readonly segments: readonly X12Seg[];
}

/** One GS..GE functional group. */
export interface X12FunctionalGroup {
  readonly gs: X12Seg;
  /** Null when the group ends without a GE. */
  readonly ge: X12Seg | null;
  readonly transactions: readonly X12TransactionSet[];
}

export interface X12Interchange {
  readonly separators: X12Separators;
  /** The ISA's 16 elements, 1-based through `isa.el(n)`, untrimmed values through `isaRaw[n]`. */
  readonly isa: X12Seg;
  readonly isaRaw: readonly string[];
  /** ISA13 exactly as written (9 digits when valid). */
  readonly controlNumber: string;
  /** `ISA05:ISA06`, trimmed. */
  readonly sender: string;
  /** `ISA07:ISA08`, trimmed. */
  readonly receiver: string;
  /** ISA15: 'P' production, 'T' test. */
  readonly usageIndicator: string;
  readonly groups: readonly X12FunctionalGroup[];
  /** Null when the interchange ends without an IEA. */
  readonly iea: X12Seg | null;
  /** Segments outside any group or set (a stray segment between GE and GS, say), for the caller to refuse. */
  readonly strays: readonly X12Seg[];
}

export type InterchangeReadProblem =
  /** The file does not start with an ISA: not X12 at all. */
  | { readonly code: 'NOT_X12'; readonly message: string }
  /** An ISA that cannot be read, or no functional group in it. */
  | { readonly code: 'ENVELOPE_INVALID'; readonly message: string }
  /** More than one interchange in the file. */
  | { readonly code: 'UNSUPPORTED'; readonly message: string };

/**
 * Reads one X12 interchange with the delimiters its ISA declares (element separator at ISA
 * position 3, repetition separator ISA11 from 5010, component separator ISA16, segment terminator
 * after ISA16) into groups and transaction sets. It checks structure only: the control numbers and
 * counts of the trailers are the business of {@link interchangeProblem}, {@link groupProblems} and
 * {@link transactionProblems}, so a reader can acknowledge what is good and reject what is not.
 */
export function readInterchange(content: string): { interchange: X12Interchange } | { problem: InterchangeReadProblem } {
  const isaRead = readIsa(content);
  if ('problem' in isaRead) {
    return isaRead.problem === 'NOT_X12'
      ? { problem: { code: 'NOT_X12', message: 'file does not start with an ISA segment' } }
      : { problem: { code: 'ENVELOPE_INVALID', message: 'ISA is not a 106-character segment with 16 elements and valid separators' } };
  }
  const { text, isa: isaRaw, separators } = isaRead;
  const rawSegments = text
    .slice(106)
    .split(separators.segment)
    .map((s) => s.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, ''))
    .filter((s) => s.trim() !== '');

  const groups: { gs: X12Seg; ge: X12Seg | null; transactions: X12TransactionSet[] }[] = [];
  const strays: X12Seg[] = [];
  let iea: X12Seg | null = null;
  let group: (typeof groups)[number] | null = null;
  let set: { st: X12Seg; se: X12Seg | null; segments: X12Seg[] } | null = null;
  for (const raw of rawSegments) {
    const [tagRaw = '', ...elements] = raw.split(separators.element);
    const tag = tagRaw.trim();
    if (tag === 'ISA') return { problem: { code: 'UNSUPPORTED', message: 'one interchange per file is supported' } };
    if (iea !== null) {
      strays.push(x12Seg(tag, 0, elements));
      continue;
    }
    switch (tag) {
      case 'GS':
        set = null;
        group = { gs: x12Seg(tag, 0, elements), ge: null, transactions: [] };
        groups.push(group);
        break;
      case 'GE':
        set = null;
        if (group) group.ge = x12Seg(tag, 0, elements);
        else strays.push(x12Seg(tag, 0, elements));
        group = null;
        break;
      case 'IEA':
        set = null;
        group = null;
        iea = x12Seg(tag, 0, elements);
        break;
      case 'ST':
        if (!group) {
          strays.push(x12Seg(tag, 0, elements));
          break;
        }
        set = { st: x12Seg(tag, 1, elements), se: null, segments: [] };
        group.transactions.push(set);
        break;
      case 'SE':
        if (set) set.se = x12Seg(tag, set.segments.length + 2, elements);
        else strays.push(x12Seg(tag, 0, elements));
        set = null;
        break;
      default:
        if (set) set.segments.push(x12Seg(tag, set.segments.length + 2, elements));
        else strays.push(x12Seg(tag, 0, elements));
    }
  }
  if (groups.length === 0) return { problem: { code: 'ENVELOPE_INVALID', message: 'interchange has no functional group' } };
  const isa = x12Seg('ISA', 0, isaRaw.slice(1));
  return {
    interchange: {
      separators,
      isa,
      isaRaw,
      controlNumber: isaRaw[13] ?? '',
      sender: `${isa.el(5)}:${isa.el(6)}`,
      receiver: `${isa.el(7)}:${isa.el(8)}`,
      usageIndicator: isa.el(15),
      groups,
      iea,
      strays,
    },
  };
}

/** The GS date and time (GS04 CCYYMMDD, GS05 HHMM[SS]) as ms UTC; 0 when unreadable. */
export function groupTimestamp(gs: X12Seg): number {
  const date = gs.el(4);
  const time = (gs.el(5) || '0000').padEnd(4, '0');
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)), Number(time.slice(0, 2)), Number(time.slice(2, 4)));
  return Number.isNaN(ms) ? 0 : ms;
}
