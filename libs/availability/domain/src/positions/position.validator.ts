import type { InventoryPosition } from '@crossdock/contracts';

/**
 * Stable reasons a position is refused; they travel to the dead-letter topic with the message,
 * so they never change meaning once published.
 */
export type PositionRejectionCode =
  | 'INVALID_SKU'
  | 'INVALID_LOCATION_ID'
  | 'UNKNOWN_LOCATION'
  | 'NON_NUMERIC_QUANTITY'
  | 'NON_INTEGER_QUANTITY'
  | 'NEGATIVE_QUANTITY'
  | 'INVALID_VERSION'
  | 'INVALID_AS_OF';

export interface PositionRejection {
  readonly code: PositionRejectionCode;
  /** Offending field, dotted (`inbound.2.quantity`). */
  readonly field: string;
  readonly message: string;
}

/**
 * The first reason the position must not enter the cache, or undefined when it may.
 * On-hand alone may be negative: the contract allows it (some ERPs let stock go negative on
 * unposted receipts) and the calculator clamps it; a negative allocation, hold or inbound
 * quantity has no physical meaning and would inflate sellable stock, so it is refused.
 */
export function validatePosition(position: InventoryPosition, isKnownLocation: (locationId: string) => boolean): PositionRejection | undefined {
  if (typeof position.sku !== 'string' || position.sku.trim() === '') {
    return { code: 'INVALID_SKU', field: 'sku', message: 'sku is empty' };
  }
  if (typeof position.locationId !== 'string' || position.locationId.trim() === '') {
    return {
      code: 'INVALID_LOCATION_ID',
      field: 'locationId',
      message: 'locationId is empty',
    };
  }
  if (!isKnownLocation(position.locationId)) {
    return {
      code: 'UNKNOWN_LOCATION',
      field: 'locationId',
      message: `location ${position.locationId} is not configured in the channel rules`,
    };
  }
  const quantityProblem =
    checkQuantity(position.onHand, 'onHand', true) ??
    checkQuantity(position.allocated, 'allocated', false) ??
    checkQuantity(position.qualityHold, 'qualityHold', false) ??
    firstInboundProblem(position);
  if (quantityProblem) return quantityProblem;
  if (!Number.isSafeInteger(position.version) || position.version < 0) {
    return {
      code: 'INVALID_VERSION',
      field: 'version',
      message: `version ${String(position.version)} is not a non-negative integer`,
    };
  }
  if (!Number.isSafeInteger(position.asOf) || position.asOf <= 0) {
    return {
      code: 'INVALID_AS_OF',
      field: 'asOf',
      message: `asOf ${String(position.asOf)} is not a timestamp`,
    };
  }
  return undefined;
}

function firstInboundProblem(position: InventoryPosition): PositionRejection | undefined {
  for (const [index, supply] of position.inbound.entries()) {
    const problem = checkQuantity(supply.quantity, `inbound.${index}.quantity`, false);
    if (problem) return problem;
    if (supply.expectedAt !== null && !Number.isSafeInteger(supply.expectedAt)) {
      return {
        code: 'INVALID_AS_OF',
        field: `inbound.${index}.expectedAt`,
        message: 'expectedAt is not a timestamp',
      };
    }
  }
  return undefined;
}

function checkQuantity(value: unknown, field: string, mayBeNegative: boolean): PositionRejection | undefined {
  if (typeof value !== 'number' || Number.isNaN(value) || !Number.isFinite(value)) {
    return {
      code: 'NON_NUMERIC_QUANTITY',
      field,
      message: `${field} is ${String(value)}, not a number`,
    };
  }
  // Avro longs beyond 2^53 lose precision as JS numbers; treat them like fractions.
  if (!Number.isSafeInteger(value)) {
    return {
      code: 'NON_INTEGER_QUANTITY',
      field,
      message: `${field} is ${value}, not a whole base-unit quantity`,
    };
  }
  if (!mayBeNegative && value < 0) {
    return {
      code: 'NEGATIVE_QUANTITY',
      field,
      message: `${field} is ${value}`,
    };
  }
  return undefined;
}
