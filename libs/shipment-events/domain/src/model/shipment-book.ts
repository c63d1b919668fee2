import type {
  ErpShipmentPosting,
  FactSource,
  FulfilmentStatus,
  LocationType,
  Milestone,
  PackageLine,
  PackageWeight,
  ReleaseLine,
  SalesChannel,
} from '@crossdock/contracts';

/** One accepted order line and what became of it so far (the OrderFulfilment line, plus what the release needs). */
export interface OrderLineState {
  readonly lineId: string;
  readonly erpLineNumber: string | null;
  readonly sku: string;
  readonly unitOfMeasure: string;
  readonly locationId: string;
  readonly locationType: LocationType;
  readonly orderedQuantity: number;
  readonly pickedQuantity: number;
  readonly shortQuantity: number;
  readonly shippedQuantity: number;
  readonly deliveredQuantity: number;
  readonly cancelledQuantity: number;
  readonly erpPostings: readonly ErpShipmentPosting[];
}

/** The accepted order as shipment-events keeps it: its channel identity and its lines' quantities. */
export interface OrderState {
  readonly orderId: string;
  readonly channel: SalesChannel;
  readonly channelAccountId: string;
  readonly channelOrderId: string;
  readonly erpOrderNumber: string;
  /** The carrier and service order-ingest translated the shipping method to. */
  readonly carrierCode: string;
  readonly serviceCode: string;
  readonly acceptedEventId: string;
  readonly status: FulfilmentStatus;
  /** OrderFulfilment.version: +1 on every change. */
  readonly version: number;
  readonly lines: readonly OrderLineState[];
}

export type ReleaseStatus = 'PENDING' | 'SENT' | 'ACKNOWLEDGED' | 'REJECTED' | 'CANCEL_REQUESTED' | 'CANCELLED' | 'CANCEL_REFUSED';

/** Everything one location ships for the order ('{orderId}@{locationId}', also the release id) and its release's state. */
export interface ShipmentState {
  readonly shipmentId: string;
  readonly orderId: string;
  readonly locationId: string;
  readonly locationType: LocationType;
  readonly releaseStatus: ReleaseStatus;
  readonly warehouseReference: string | null;
  /** What the last CANCEL covered, so a refused cancellation gives the lines back. */
  readonly cancelLines: readonly ReleaseLine[];
}

/** One carton or parcel ('{sourceSystem}:{source package reference}'). */
export interface PackageState {
  readonly packageReference: string;
  readonly orderId: string;
  readonly shipmentId: string;
  readonly source: FactSource;
  readonly sourceSystem: string;
  /** The carrier as the source named it. */
  readonly sourceCarrier: string | null;
  /** Hub carrier code after mapping (null when the source named none and the package has no tracking). */
  readonly carrierCode: string | null;
  readonly serviceCode: string | null;
  readonly trackingNumber: string | null;
  readonly weight: PackageWeight | null;
  readonly lines: readonly PackageLine[];
  readonly milestone: Milestone | null;
  /** Highest main-line rank reached (milestone-rank.ts). */
  readonly progressRank: number;
  /** When its units were counted as shipped (the first milestone at or past SHIPPED), by the source's clock. */
  readonly shippedAt: number | null;
  /** When its units were counted as delivered. */
  readonly deliveredAt: number | null;
}

/** One order's shipment truth: the order, its shipments (one per location) and its packages. */
export interface ShipmentBook {
  readonly order: OrderState;
  readonly shipments: readonly ShipmentState[];
  readonly packages: readonly PackageState[];
}

/** '{orderId}@{locationId}': the shipment id and the release id. */
export function shipmentIdOf(orderId: string, locationId: string): string {
  return `${orderId}@${locationId}`;
}

/** '{sourceSystem}:{source package reference}': the package's business key. */
export function packageReferenceOf(sourceSystem: string, sourcePackageReference: string): string {
  return `${sourceSystem}:${sourcePackageReference}`;
}
