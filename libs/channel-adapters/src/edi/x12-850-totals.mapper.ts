import type { ChannelOrderEventType } from '@crossdock/contracts';
import { decimalToMinorRounded, parseDecimal } from '../core/money';
import { AdapterRejectionCode } from '../core/rejection';
import { Ak4Code, type X12Seg } from '@crossdock/edi/x12';
import { rejectSegment, type SegmentGroupReader } from './x12-850.segment';

/**
 * The summary area: CTT (mandatory on an original PO; CTT01 must count the PO1 lines) and AMT*TT, the
 * order total in minor units (null without one: the total is then the lines' sum).
 */
export function totalsReader(exponent: number): SegmentGroupReader & { finish(eventType: ChannelOrderEventType, lineCount: number): number | null } {
  let ctt: X12Seg | null = null;
  let totalAmount: number | null = null;
  return {
    read(seg) {
      if (seg.tag === 'CTT') ctt = seg;
      else if (seg.tag === 'AMT' && seg.el(1) === 'TT') totalAmount = amountOf(seg, exponent);
    },
    finish(eventType, lineCount) {
      const count = ctt;
      if (count === null) {
        if (eventType === 'CREATED') rejectSegment(null, AdapterRejectionCode.SegmentMissing, null, null, {}, 'CTT segment is missing', 'CTT');
      } else if (count.el(1) !== String(lineCount)) {
        rejectSegment(
          count,
          AdapterRejectionCode.ControlCountMismatch,
          1,
          '354',
          { ak4: Ak4Code.InvalidCode },
          `CTT01 says ${count.el(1)} line items, the order has ${lineCount}`,
        );
      }
      return totalAmount;
    },
  };
}

/** AMT02 in minor units, rounded half away from zero. */
function amountOf(amt: X12Seg, exponent: number): number {
  try {
    return decimalToMinorRounded(parseDecimal(amt.el(2), 'AMT02', { x12: true }), exponent, 'AMT02');
  } catch {
    rejectSegment(amt, AdapterRejectionCode.AmountInvalid, 2, '782', { ak4: Ak4Code.InvalidCharacter }, `AMT02 '${amt.el(2)}' is not an amount`);
  }
}
