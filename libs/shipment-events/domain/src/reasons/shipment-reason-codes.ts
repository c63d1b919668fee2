/**
 * Why a fact or a request became an exception (`ShipmentException.reason`, `GET /exceptions?reason=`).
 * Codes are stable: dashboards, alerts and runbooks key on them, so never rename one.
 */
export const ShipmentExceptionReason = {
  /** A warehouse fact waited longer than the grace period for its order's acceptance. */
  UnknownOrder: 'UNKNOWN_ORDER',
  /** A tracking update waited longer than the grace period for a package with its carrier and tracking number. */
  UnknownTrackingNumber: 'UNKNOWN_TRACKING_NUMBER',
  /** A fact would take a line past what was ordered (ordered minus cancelled, counting what is already shipped or packed). */
  OverShipment: 'OVER_SHIPMENT',
  /** A fact names a line the order does not have at that location. */
  UnknownOrderLine: 'UNKNOWN_ORDER_LINE',
  /** The tracking number is in use by another order's package shipped within 90 days (carriers recycle numbers). */
  TrackingNumberReused: 'TRACKING_NUMBER_REUSED',
  /** The carrier name or SCAC is not in the carrier directory. */
  CarrierUnmapped: 'CARRIER_UNMAPPED',
  /** A cancellation arrived after picking began at the location: it was refused, the release stands. */
  CancelAfterPick: 'CANCEL_AFTER_PICK',
  /** The warehouse rejected the release (WMS refusal, 997 R). */
  ReleaseRejected: 'RELEASE_REJECTED',
  /** The warehouse refused a cancellation because picking had begun. */
  CancelRefused: 'CANCEL_REFUSED',
  /** A release outcome names a release this service never made. */
  UnknownRelease: 'UNKNOWN_RELEASE',
  /** The ERP refused a package's ship confirmation for good (its answer in the detail); the package left the confirmation queue. */
  ErpRejected: 'ERP_REJECTED',
} as const;

export type ShipmentExceptionReason = (typeof ShipmentExceptionReason)[keyof typeof ShipmentExceptionReason];

/** Every exception reason code, for validation and documentation. */
export const SHIPMENT_EXCEPTION_REASONS = Object.values(ShipmentExceptionReason) as [ShipmentExceptionReason, ...ShipmentExceptionReason[]];

/** Exceptions whose cause is a parked fact: a replay runs the fact through the rules again. */
export const FACT_EXCEPTION_REASONS: ReadonlySet<ShipmentExceptionReason> = new Set([
  ShipmentExceptionReason.UnknownOrder,
  ShipmentExceptionReason.UnknownTrackingNumber,
  ShipmentExceptionReason.OverShipment,
  ShipmentExceptionReason.UnknownOrderLine,
  ShipmentExceptionReason.TrackingNumberReused,
  ShipmentExceptionReason.CarrierUnmapped,
]);

/** Why a fact waits instead of applying (it applies by itself once the cause is gone). */
export const WaitingReason = {
  /** Its order's OrderAccepted has not arrived yet. */
  OrderNotAccepted: 'ORDER_NOT_ACCEPTED',
  /** No package carries its carrier and tracking number yet (tracking before the warehouse's ship fact). */
  PackageNotKnown: 'PACKAGE_NOT_KNOWN',
} as const;

export type WaitingReason = (typeof WaitingReason)[keyof typeof WaitingReason];

/** What became of a source status in a package's history. */
export const HistoryOutcome = {
  /** The package moved to the milestone (and it was published). */
  Applied: 'APPLIED',
  /** The package already stood at that milestone. */
  Repeated: 'REPEATED',
  /** The milestone is behind where the package stands: kept here, not applied, not published. */
  MilestoneRegression: 'MILESTONE_REGRESSION',
  /** The source status has no canonical milestone (EasyPost `unknown`). */
  NoMilestone: 'NO_MILESTONE',
} as const;

export type HistoryOutcome = (typeof HistoryOutcome)[keyof typeof HistoryOutcome];
