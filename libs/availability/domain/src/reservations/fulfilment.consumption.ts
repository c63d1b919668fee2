import type { FulfilmentLine, OrderFulfilment } from '@crossdock/contracts';
import { MAX_LINE_QUANTITY } from './reservation.commands';
import type { ReservationChangeCommand } from './reservation.transitions';
import type { ReservationRecord } from './reservation.types';

/** An order's fulfilment as shipment-events last stated it; `version` orders the statements. */
export interface FulfilmentStatement {
  readonly orderId: string;
  readonly version: number;
  readonly updatedAt: number;
}

export type FulfilmentRefusal = { readonly code: 'INVALID_FULFILMENT_QUANTITY'; readonly message: string };

/**
 * A fulfilment record the service can act on: every quantity a whole number from 0 up to what a
 * line can hold, every ERP posting a positive quantity. Anything else is refused whole, before
 * any line changes.
 */
export function checkOrderFulfilment(fulfilment: OrderFulfilment): FulfilmentRefusal | null {
  for (const [index, line] of fulfilment.lines.entries()) {
    for (const field of QUANTITY_FIELDS) {
      if (!isQuantity(line[field])) return invalid(`lines.${index}.${field} ${line[field]} is not a whole quantity from 0 to ${MAX_LINE_QUANTITY}`);
    }
    for (const [p, posting] of line.erpPostings.entries()) {
      if (!isQuantity(posting.quantity) || posting.quantity === 0) {
        return invalid(`lines.${index}.erpPostings.${p}.quantity ${posting.quantity} is not a positive whole quantity`);
      }
    }
  }
  return null;
}

const QUANTITY_FIELDS = ['orderedQuantity', 'pickedQuantity', 'shortQuantity', 'shippedQuantity', 'deliveredQuantity', 'cancelledQuantity'] as const;

function isQuantity(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0 && value <= MAX_LINE_QUANTITY;
}

function invalid(message: string): FulfilmentRefusal {
  return { code: 'INVALID_FULFILMENT_QUANTITY', message };
}

/** Whether a statement is newer than the one applied for its order (null: none applied yet). */
export function isNewerFulfilment(appliedVersion: number | null, incoming: FulfilmentStatement): boolean {
  return appliedVersion === null || incoming.version > appliedVersion;
}

export interface FulfilmentLineInput {
  readonly statement: FulfilmentStatement;
  readonly line: FulfilmentLine;
  /** The order line's reservation as held now. */
  readonly reservation: ReservationRecord;
  /** The line's shipped quantity in the statement applied before (0 for none): those units were already accounted for. */
  readonly shippedBefore: number;
}

/**
 * What one line's fulfilment does to its reservation, in the order it must be applied:
 * 1. shipped units not consumed yet are consumed (reason SHIPPED): they leave the warehouse, so
 *    the ERP's on-hand will drop instead. Shipped from another location than the reserved one
 *    (a reroute), they release the reservation there instead (LINE_REROUTED).
 * 2. what stays open beyond what the line may still ship (ordered − shipped − cancelled) is
 *    released as ORDER_CANCELLED, then beyond ordered − shipped − cancelled − short as
 *    SHORT_PICKED. Measuring against the open quantity, not adding up the cancelled units, means
 *    units an OrderCancelled already released, or a remainder never reserved (a partial
 *    reservation), are not released twice.
 * The quantities are cumulative, so a later statement only moves the difference. Consumed units
 * are no longer open, so nothing later (expiry, cancellation) can release them.
 */
export function fulfilmentChanges(input: FulfilmentLineInput): ReservationChangeCommand[] {
  const { statement, line, reservation } = input;
  const commands: ReservationChangeCommand[] = [];
  let open = reservation.openQuantity;
  const take = (type: ReservationChangeCommand['type'], reason: ReservationChangeCommand['reason'], wanted: number): void => {
    const quantity = Math.min(open, Math.max(0, wanted));
    if (quantity <= 0) return;
    open -= quantity;
    commands.push({
      type,
      reason,
      quantity,
      // One cause per statement and reason, so each can be recognised if applied again.
      cause: `order-fulfilment:v${statement.version}:${reason}`,
      causationId: fulfilmentCausationId(statement),
      occurredAt: statement.updatedAt,
    });
  };
  const shippedHere = line.locationId === reservation.locationId;
  take(shippedHere ? 'CONSUMED' : 'RELEASED', shippedHere ? 'SHIPPED' : 'LINE_REROUTED', line.shippedQuantity - input.shippedBefore);
  const stillToShip = line.orderedQuantity - line.shippedQuantity - line.cancelledQuantity;
  take('RELEASED', 'ORDER_CANCELLED', open - Math.max(0, stillToShip));
  take('RELEASED', 'SHORT_PICKED', open - Math.max(0, stillToShip - line.shortQuantity));
  return commands;
}

/** The fulfilment record has no event id; its order and version name it. */
export function fulfilmentCausationId(statement: FulfilmentStatement): string {
  return `order-fulfilment:${statement.orderId}:v${statement.version}`;
}
