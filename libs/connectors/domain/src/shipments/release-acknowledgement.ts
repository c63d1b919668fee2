import type { ReleaseAction } from '@crossdock/contracts';
import type { WarehouseAnswer } from './release-dispatch.policy';

/** What a 3PL's 997 said about one 940 we sent: its AK5 (or, for a group-only 997, AK9) and notes. */
export interface SetAcknowledgement {
  /** AK501, or AK901 when the 997 reports the group only: A, E, R (or M, W, X, P). */
  readonly status: string;
  readonly errorCodes: readonly string[];
  readonly notes: readonly string[];
}

/**
 * The outcome a 997 gives a 940: accepted (A, or E: accepted with errors noted) acknowledges a
 * release and, for a cancellation (W0501 F), means the 3PL stopped the work (CANCELLED); rejected
 * (R and the other codes) rejects a release (reason `AK5_<code>`) and, for a cancellation, means
 * the 3PL refused it (CANCEL_REFUSED).
 */
export function acknowledgementAnswer(action: Exclude<ReleaseAction, 'UNKNOWN'>, ack: SetAcknowledgement, warehouseReference: string | null): WarehouseAnswer {
  const accepted = ack.status === 'A' || ack.status === 'E';
  const codes = ack.errorCodes.length > 0 ? ` (codes ${ack.errorCodes.join(', ')})` : '';
  const notes = ack.notes.length > 0 ? `: ${ack.notes.join('; ')}` : '';
  const detail = ack.status === 'A' ? null : `997 AK5 ${ack.status}${codes}${notes}`;
  if (accepted) return { kind: 'OUTCOME', status: action === 'RELEASE' ? 'ACKNOWLEDGED' : 'CANCELLED', warehouseReference, reason: null, detail };
  return { kind: 'OUTCOME', status: action === 'RELEASE' ? 'REJECTED' : 'CANCEL_REFUSED', warehouseReference, reason: `AK5_${ack.status}`, detail };
}
