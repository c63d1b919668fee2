import type { FulfilmentStatus } from '@crossdock/contracts';
import type { OrderLineState } from '../model/shipment-book';

/** Units of a line that will still ship: ordered, less cancelled and reported short. */
export function expectedQuantity(line: OrderLineState): number {
  return Math.max(0, line.orderedQuantity - line.cancelledQuantity - line.shortQuantity);
}

/**
 * The order's fulfilment status from its lines, as a linear progression:
 * CANCELLED (every unit cancelled) > DELIVERED (every expected unit delivered) >
 * PARTIALLY_DELIVERED (every expected unit shipped, some delivered) > SHIPPED (every expected
 * unit shipped) > PARTIALLY_SHIPPED (some shipped) > IN_PROGRESS (something picked or short) >
 * RELEASED. An order whose every unit is short or cancelled without all being cancelled stays IN_PROGRESS.
 */
export function deriveFulfilmentStatus(lines: readonly OrderLineState[]): FulfilmentStatus {
  if (lines.length > 0 && lines.every((l) => l.cancelledQuantity >= l.orderedQuantity)) return 'CANCELLED';
  const open = lines.filter((l) => expectedQuantity(l) > 0);
  const shipped = lines.reduce((sum, l) => sum + l.shippedQuantity, 0);
  const delivered = lines.reduce((sum, l) => sum + l.deliveredQuantity, 0);
  const allShipped = open.length > 0 && open.every((l) => l.shippedQuantity >= expectedQuantity(l));
  if (allShipped && open.every((l) => l.deliveredQuantity >= expectedQuantity(l))) return 'DELIVERED';
  if (allShipped && delivered > 0) return 'PARTIALLY_DELIVERED';
  if (allShipped) return 'SHIPPED';
  if (shipped > 0) return 'PARTIALLY_SHIPPED';
  if (lines.some((l) => l.pickedQuantity > 0 || l.shortQuantity > 0)) return 'IN_PROGRESS';
  return 'RELEASED';
}
