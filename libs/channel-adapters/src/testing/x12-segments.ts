import type { AdapterRejectionCode } from '../core/rejection';
import { segmentOfText, segmentsOfText, type SegmentErrorNote } from '@crossdock/edi/x12';
import { X12SegmentError } from '../edi/x12-850.segment';

/** The segments between ST and SE of an 850 written as in the fixtures, numbered from 2. Test-only helper. */
export const transactionSegments = (text: string) => segmentsOfText(text);

/** One segment written as in the fixtures, at `position` in its transaction set. Test-only helper. */
export const segment = (text: string, position = 2) => segmentOfText(text, position);

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
