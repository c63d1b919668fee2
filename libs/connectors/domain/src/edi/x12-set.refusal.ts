import { Ak3Code, Ak4Code, type SegmentErrorNote, type X12Seg } from '@crossdock/edi/x12';

/** Why a 940 or 945 transaction set was refused; the 997 rejects it (AK5 R) and notes where (AK3/AK4). */
export interface SetProblem {
  readonly code: 'ENVELOPE' | 'SEGMENT_MISSING' | 'FIELD_MISSING' | 'FIELD_INVALID' | 'QUALIFIER_UNKNOWN' | 'COUNT_MISMATCH';
  /** `W1203@12`: element 3 of the W12 at position 12; a segment id when it is missing. */
  readonly field: string;
  readonly message: string;
}

/** Thrown by a transaction-set reader at the first problem; the set's reader turns it into a refusal. */
export class SetRefusal extends Error {
  constructor(
    readonly problem: SetProblem,
    readonly note: SegmentErrorNote,
  ) {
    super(problem.message);
  }
}

/** Refuses the set at `seg` (element `n`, data element `ref`), or for a missing `segmentId` when `seg` is null. */
export function refuse(
  seg: X12Seg | null,
  code: SetProblem['code'],
  element: { n: number; ref: string; ak4: string } | null,
  message: string,
  segmentId = '',
): never {
  const tag = seg?.tag ?? segmentId;
  const field = seg ? `${tag}${element ? String(element.n).padStart(2, '0') : ''}@${seg.position}` : tag;
  throw new SetRefusal(
    { code, field, message },
    {
      segmentId: tag,
      position: seg?.position ?? 0,
      code: element ? Ak3Code.DataElementErrors : seg ? Ak3Code.UnexpectedSegment : Ak3Code.MandatorySegmentMissing,
      ...(element && seg
        ? {
            element: {
              position: element.n,
              reference: element.ref,
              code: element.ak4,
              badValue: element.ak4 === Ak4Code.MandatoryMissing ? null : seg.el(element.n) || null,
            },
          }
        : {}),
    },
  );
}

export function required(seg: X12Seg, n: number, ref: string, what: string): string {
  const v = seg.el(n);
  if (v === '') refuse(seg, 'FIELD_MISSING', { n, ref, ak4: Ak4Code.MandatoryMissing }, `${seg.tag}${String(n).padStart(2, '0')} (${what}) is missing`);
  return v;
}

export function quantityAt(seg: X12Seg, n: number, ref: string, what: string): number {
  const v = seg.el(n);
  if (v === '') return 0;
  if (!/^\d+$/.test(v))
    refuse(seg, 'FIELD_INVALID', { n, ref, ak4: Ak4Code.InvalidCharacter }, `${seg.tag}${String(n).padStart(2, '0')} '${v}' (${what}) is not a whole number`);
  return Number(v);
}

/**
 * Element n as a CCYYMMDD date plus element n + 2 as its HHMM[SS] time (UTC) when that is present,
 * as in G62 (G6202 date, G6203 time qualifier, G6204 time): a shipped date with its time of day.
 */
export function dateTimeAt(seg: X12Seg, n: number): number {
  const day = dateAt(seg, n);
  const v = seg.el(n + 2);
  if (v === '') return day;
  const match = /^(\d{2})(\d{2})(\d{2})?$/.exec(v);
  const [hours, minutes, seconds] = match ? [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')] : [NaN, NaN, NaN];
  if (!(hours < 24 && minutes < 60 && seconds < 60))
    refuse(
      seg,
      'FIELD_INVALID',
      { n: n + 2, ref: '337', ak4: Ak4Code.InvalidTime },
      `${seg.tag}${String(n + 2).padStart(2, '0')} '${v}' is not an HHMM or HHMMSS time`,
    );
  return day + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

export function dateAt(seg: X12Seg, n: number): number {
  const v = seg.el(n);
  const ms = /^\d{8}$/.test(v) ? Date.UTC(Number(v.slice(0, 4)), Number(v.slice(4, 6)) - 1, Number(v.slice(6, 8))) : NaN;
  if (Number.isNaN(ms) || new Date(ms).getUTCDate() !== Number(v.slice(6, 8)))
    refuse(seg, 'FIELD_INVALID', { n, ref: '373', ak4: Ak4Code.InvalidDate }, `${seg.tag}${String(n).padStart(2, '0')} '${v}' is not a CCYYMMDD date`);
  return ms;
}
