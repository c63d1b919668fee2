import type { AdapterRejectionCode } from '../core/rejection';
import { x12Seg, X12SegmentError, type X12Seg } from '../edi/x12-850.segment';
import type { SegmentErrorNote } from '../edi/x12-997';

/**
 * The segments between ST and SE of an 850, written as in the fixtures (`BEG*00*SA*4500127731**20261118~`,
 * `*` elements, `~` terminators, line breaks ignored), numbered from 2 as after the ST. Test-only helper.
 */
export function transactionSegments(text: string): X12Seg[] {
  return text
    .split('~')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s, i) => {
      const [tag = '', ...elements] = s.split('*');
      return x12Seg(tag, i + 2, elements);
    });
}

/** One segment written as in the fixtures, at `position` in its transaction set. Test-only helper. */
export function segment(text: string, position = 2): X12Seg {
  const [tag = '', ...elements] = text.replace(/~\s*$/, '').split('*');
  return x12Seg(tag, position, elements);
}

export interface SegmentRejection {
  readonly code: AdapterRejectionCode;
  readonly field: string | null;
  readonly message: string;
  readonly note: SegmentErrorNote;
}

/** What `run` was rejected with, as the 997 will report it; fails the test when it was not rejected at a segment. */
export function segmentRejection(run: () => unknown): SegmentRejection {
  try {
    run();
  } catch (error) {
    if (error instanceof X12SegmentError) return { code: error.code, field: error.field, message: error.message, note: error.note };
    throw error;
  }
  throw new Error('expected a rejection at a segment, got none');
}
