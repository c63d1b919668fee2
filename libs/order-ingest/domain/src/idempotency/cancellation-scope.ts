import type { ChannelOrder } from '@crossdock/contracts';

/**
 * Whether a cancellation asks for less than the whole order. The contract allows line-level
 * cancellations (`cancellation.lines`, empty meaning everything); the ERP port cancels whole
 * orders only, so a partial request must never be applied as a whole-order cancel.
 */
export function isPartialCancellation(event: Partial<Pick<ChannelOrder, 'lines' | 'cancellation'>>): boolean {
  const requested = event.cancellation?.lines ?? [];
  if (requested.length === 0) return false;
  const asked = new Map<string, number>();
  for (const line of requested) asked.set(line.lineId, (asked.get(line.lineId) ?? 0) + line.quantity);
  return (event.lines ?? []).some((line) => (asked.get(line.lineId) ?? 0) < line.quantity);
}
