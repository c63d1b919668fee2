/**
 * Why a source record was not published. Stable strings: they are stored with the rejection,
 * shown at GET /rejections and used as a metric label, so never rename one.
 */
export const RejectionReason = {
  MalformedChange: 'MALFORMED_CHANGE',
  MissingSku: 'MISSING_SKU',
  UnknownWarehouse: 'UNKNOWN_WAREHOUSE',
  MissingUnitOfMeasure: 'MISSING_UNIT_OF_MEASURE',
  NegativeOnHand: 'NEGATIVE_ON_HAND',
  NegativeQuantity: 'NEGATIVE_QUANTITY',
  NonIntegerQuantity: 'NON_INTEGER_QUANTITY',
  InvalidTimestamp: 'INVALID_TIMESTAMP',
  InvalidVersion: 'INVALID_VERSION',
  InvalidUnitConversion: 'INVALID_UNIT_CONVERSION',
  InvalidGtin: 'INVALID_GTIN',
  UnknownStatus: 'UNKNOWN_STATUS',
  UnknownSupplyType: 'UNKNOWN_SUPPLY_TYPE',
  UnknownDocumentType: 'UNKNOWN_DOCUMENT_TYPE',
  InvalidAmount: 'INVALID_AMOUNT',
} as const;
export type RejectionReason = (typeof RejectionReason)[keyof typeof RejectionReason];

export interface Rejection {
  readonly reason: RejectionReason;
  /** Offending field of the source record, dotted (`openSupply.1.qty`). */
  readonly field: string;
  readonly message: string;
}

/**
 * What one source change becomes. `sourceKey` is the record's identity in the source system
 * (`itemNumber`, `itemNumber@warehouseCode`): rejections are listed and resolved by it.
 * `key` is the Kafka message key, built by the topic's catalog format.
 */
export type MappingOutcome<TValue> =
  | { readonly kind: 'upsert'; readonly sourceKey: string; readonly seq: number; readonly key: string; readonly value: TValue }
  | { readonly kind: 'delete'; readonly sourceKey: string; readonly seq: number; readonly key: string }
  | {
      readonly kind: 'rejected';
      readonly sourceKey: string;
      /** Null when the change had no usable sequence number. */
      readonly seq: number | null;
      readonly rejection: Rejection;
      /** The change as received, kept for the operator. */
      readonly change: unknown;
    };

/** Maps one change of a feed (as parsed JSON, unchecked) to the hub's contract. Never throws. */
export type FeedMapper<TValue> = (change: unknown) => MappingOutcome<TValue>;

/** Raised inside a mapper to stop at the first problem; turned into a `rejected` outcome. */
export class RecordRejected extends Error {
  constructor(readonly rejection: Rejection) {
    super(rejection.message);
    this.name = 'RecordRejected';
  }
}

export function reject(reason: RejectionReason, field: string, message: string): never {
  throw new RecordRejected({ reason, field, message });
}
