/** Carriers recycle tracking numbers; within this window a number belongs to the order that used it first. */
export const TRACKING_REUSE_WINDOW_MS = 90 * 24 * 60 * 60 * 1000;

/** A package that already carries a carrier + tracking number. */
export interface TrackingUse {
  readonly orderId: string;
  readonly packageReference: string;
  readonly carrierCode: string;
  readonly trackingNumber: string;
  /** When the number was put to use: the package's ship time, else when the hub first saw it. */
  readonly usedAt: number;
}

/**
 * The use of another order that makes this one a TRACKING_NUMBER_REUSED exception: the same
 * carrier and number on another order's package within 90 days of this use. Beyond 90 days the
 * new use wins (the old package is long delivered; tracking updates go to the newest use). Several
 * packages of the same order may share a number (multi-piece shipments under one number).
 */
export function conflictingTrackingUse(uses: readonly TrackingUse[], orderId: string, usedAt: number): TrackingUse | undefined {
  return uses.find((u) => u.orderId !== orderId && Math.abs(usedAt - u.usedAt) <= TRACKING_REUSE_WINDOW_MS);
}

/** The package a tracking update is about: the newest use of its carrier and number. */
export function trackedPackage(uses: readonly TrackingUse[]): TrackingUse | undefined {
  return [...uses].sort((a, b) => b.usedAt - a.usedAt)[0];
}
