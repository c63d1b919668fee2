import { ShipmentExceptionReason, WaitingReason } from '../reasons/shipment-reason-codes';

/** The exception a fact becomes when it waited past the grace period for what it waits for. */
const EXPIRED_AS: Readonly<Record<WaitingReason, ShipmentExceptionReason>> = {
  [WaitingReason.OrderNotAccepted]: ShipmentExceptionReason.UnknownOrder,
  [WaitingReason.PackageNotKnown]: ShipmentExceptionReason.UnknownTrackingNumber,
};

/** Waiting is for a while only: past `graceMs` since it arrived a fact becomes UNKNOWN_ORDER or UNKNOWN_TRACKING_NUMBER. */
export function expiredWait(reason: WaitingReason, receivedAt: number, now: number, graceMs: number): ShipmentExceptionReason | null {
  return now - receivedAt >= graceMs ? EXPIRED_AS[reason] : null;
}

/** The oldest arrival time still within the grace period: facts that arrived before it are due. */
export function graceCutoff(now: number, graceMs: number): number {
  return now - graceMs;
}
