import type { DrainEntry, ErpShipmentConfirmationLine, ErpShipmentConfirmationRequest } from '@crossdock/erp/domain';
import type { ErpShipmentConfirmation as QueuedConfirmation } from '../generated/prisma/client';

/** A queued ship confirmation as the drain plans it: no lines, read every round. */
export type QueuedConfirmationHead = Pick<QueuedConfirmation, 'packageReference' | 'orderId' | 'attempts' | 'nextAttemptAt' | 'createdAt'>;

/**
 * The queue row as the ERP drain policy sees it. Packages carry no per-order sequence (any order of
 * an order's packages is right), so all are 0 and the planner takes an order's oldest first; one call
 * per order at a time keeps the ERP's open quantities per line consistent between packages.
 */
export function toDrainEntry(row: QueuedConfirmationHead): DrainEntry {
  return {
    id: row.packageReference,
    orderId: row.orderId,
    sequence: 0,
    enqueuedAt: row.createdAt.getTime(),
    attempts: row.attempts,
    notBefore: row.nextAttemptAt.getTime(),
  };
}

interface StoredLine {
  readonly lineId: string;
  readonly erpLineNumber: string | null;
  readonly sku: string;
  readonly quantity: number;
}

/** What the ERP is asked to post for one queued package (ErpShipmentConfirmationPort.confirm). */
export function toConfirmationRequest(row: QueuedConfirmation): ErpShipmentConfirmationRequest {
  const lines = row.lines as unknown as readonly StoredLine[];
  return {
    packageReference: row.packageReference,
    orderId: row.orderId,
    erpOrderNumber: row.erpOrderNumber,
    shipDate: row.shipDate.getTime(),
    carrierCode: row.carrierCode,
    // A package a warehouse shipped without a tracking number (freight, pickup) is still issued.
    trackingNumber: row.trackingNumber ?? '',
    lines: lines.map((l): ErpShipmentConfirmationLine => ({
      lineId: l.lineId,
      erpLineNumber: erpLineNumber(l.erpLineNumber),
      sku: l.sku,
      quantity: l.quantity,
    })),
  };
}

/**
 * OrderAccepted carries the ERP's sales-order line number as text; the ERP takes a positive whole
 * number. Anything else (absent, or a number the ERP did not give as one) lets the ERP match the line
 * by item instead of pointing it at a wrong line.
 */
function erpLineNumber(value: string | null): number | null {
  if (value === null || !/^[1-9]\d{0,8}$/.test(value)) return null;
  return Number(value);
}
