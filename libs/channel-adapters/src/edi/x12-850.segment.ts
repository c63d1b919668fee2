import { AdapterRejectionCode, RejectionError, type AdapterRejectionCode as Code } from '../core/rejection';
import { isRealDate } from '../core/values';
import { Ak3Code, Ak4Code, type SegmentErrorNote, type X12Seg } from '@crossdock/edi/x12';

/**
 * Takes one segment group of an 850 (heading, N1 loop, PO1 loop, summary) as the transaction set goes
 * by. The mapper hands every segment, in document order, to every group's reader, so a document with
 * several errors is rejected for its first segment in error, whatever the group, and the 997 points there.
 */
export interface SegmentGroupReader {
  read(seg: X12Seg): void;
}

/** A rejection that also says where in the transaction set it is, for the 997's AK3/AK4. */
export class X12SegmentError extends RejectionError {
  constructor(
    code: Code,
    field: string,
    message: string,
    readonly note: SegmentErrorNote,
  ) {
    super(code, field, message);
  }
}

/**
 * Rejects the transaction set at `seg` (element `elementPosition`, data element `elementRef`), or for a
 * missing `segmentId` when `seg` is null. Field `PO104@21`: element 4 of the PO1 at position 21.
 */
export function rejectSegment(
  seg: X12Seg | null,
  code: Code,
  elementPosition: number | null,
  elementRef: string | null,
  ak: { ak3?: string; ak4?: string },
  message: string,
  segmentId?: string,
): never {
  const tag = seg?.tag ?? segmentId ?? '';
  const field = seg ? `${tag}${elementPosition ? String(elementPosition).padStart(2, '0') : ''}@${seg.position}` : tag;
  throw new X12SegmentError(code, field, message, {
    segmentId: tag,
    position: seg?.position ?? 0,
    code: ak.ak3 ?? (elementPosition ? Ak3Code.DataElementErrors : Ak3Code.MandatorySegmentMissing),
    ...(elementPosition
      ? {
          element: {
            position: elementPosition,
            reference: elementRef,
            code: ak.ak4 ?? Ak4Code.MandatoryMissing,
            badValue: seg && ak.ak4 !== Ak4Code.MandatoryMissing ? seg.el(elementPosition) || null : null,
          },
        }
      : {}),
  });
}

export function requiredElement(seg: X12Seg, n: number, ref: string, what: string): string {
  const v = seg.el(n);
  if (v === '')
    rejectSegment(
      seg,
      AdapterRejectionCode.FieldMissing,
      n,
      ref,
      { ak4: Ak4Code.MandatoryMissing },
      `${seg.tag}${String(n).padStart(2, '0')} (${what}) is missing`,
    );
  return v;
}

/** A CCYYMMDD element as ms UTC at midnight. */
export function x12Date(seg: X12Seg, n: number, ref: string): number {
  const v = requiredElement(seg, n, ref, 'date');
  const ok = /^\d{8}$/.test(v) && isRealDate(Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8)));
  if (!ok)
    rejectSegment(
      seg,
      AdapterRejectionCode.DateInvalid,
      n,
      ref,
      { ak4: Ak4Code.InvalidDate },
      `${seg.tag}${String(n).padStart(2, '0')} '${v}' is not a CCYYMMDD date`,
    );
  return Date.UTC(Number(v.slice(0, 4)), Number(v.slice(4, 6)) - 1, Number(v.slice(6, 8)));
}
