import type { ChannelOrder } from '@crossdock/contracts';

/**
 * Deduplication key of a channel order event: canonical orderId + event type. Webhook retries,
 * Kafka redeliveries and replays of the same business event share it even when a retry got a fresh
 * eventId (some channels re-sign a retried webhook), so an order is created at most once and
 * cancelled at most once. orderId is opaque and may contain ':'; the '#' separator never needs
 * parsing back.
 */
export function orderDedupKey(event: Pick<ChannelOrder, 'orderId' | 'eventType'>): string {
  return `${event.orderId}#${event.eventType}`;
}
