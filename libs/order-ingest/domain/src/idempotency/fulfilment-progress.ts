import type { FulfilmentLine } from '@crossdock/contracts';
import type { FulfilmentProgress } from './order-arrival.decision';

/** Why a cancellation came too late: stable reason codes of OrderCancelled NOT_CANCELLABLE (its contract lists them). */
export type CancellationRefusalCode = 'ALREADY_SHIPPED' | 'ALREADY_PICKED';

export type FulfilmentProgressReading =
  | { readonly kind: 'PROGRESS'; readonly progress: FulfilmentProgress }
  | { readonly kind: 'INVALID'; readonly code: 'INVALID_FULFILMENT_QUANTITY'; readonly message: string };

type ProgressQuantities = Pick<FulfilmentLine, 'lineId' | 'pickedQuantity' | 'shippedQuantity' | 'deliveredQuantity'>;

/**
 * How far the warehouse got with an order, from shipment-events' per-line quantities: SHIPPED as
 * soon as any line shipped (or was delivered) a unit, PICKED as soon as any line picked one, else
 * NOT_STARTED. Any line counts: once the warehouse holds or sent part of the order, cancelling it
 * in the ERP would withdraw an order that is physically moving. A quantity that is not a whole
 * number from 0 is refused rather than read as progress or its absence.
 */
export function readFulfilmentProgress(lines: readonly ProgressQuantities[]): FulfilmentProgressReading {
  let progress: FulfilmentProgress = 'NOT_STARTED';
  for (const [index, line] of lines.entries()) {
    for (const field of ['pickedQuantity', 'shippedQuantity', 'deliveredQuantity'] as const) {
      const quantity = line[field];
      if (!Number.isSafeInteger(quantity) || quantity < 0) {
        return { kind: 'INVALID', code: 'INVALID_FULFILMENT_QUANTITY', message: `lines.${index}.${field} ${quantity} is not a whole quantity from 0` };
      }
    }
    if (line.shippedQuantity > 0 || line.deliveredQuantity > 0) progress = 'SHIPPED';
    else if (line.pickedQuantity > 0 && progress === 'NOT_STARTED') progress = 'PICKED';
  }
  return { kind: 'PROGRESS', progress };
}

/** The OrderCancelled message of a refused cancellation, for the channel and the operator. */
export function cancellationRefusalMessage(code: CancellationRefusalCode): string {
  return code === 'ALREADY_SHIPPED'
    ? 'the order has already shipped (part or all of it): it can no longer be cancelled; a return is the way back'
    : 'the warehouse has already picked the order: it can no longer be cancelled';
}
