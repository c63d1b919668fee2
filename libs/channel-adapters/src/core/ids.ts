import { createHash } from 'node:crypto';
import type { ChannelOrderEventType, SalesChannel } from '@crossdock/contracts';

/**
 * Canonical order id `CHANNEL:channelAccountId:channelOrderId` (e.g. `SHOPIFY:acme-outdoor:5533284548710`),
 * the Kafka key of every event of the order. Deterministic, so retries, redeliveries and replays map
 * to the same order. Consumers treat it as opaque.
 */
export function canonicalOrderId(channel: SalesChannel, channelAccountId: string, channelOrderId: string): string {
  return `${channel}:${channelAccountId}:${channelOrderId}`;
}

/** Namespace for {@link nameBasedUuid}: a fixed random UUID owned by Crossdock channel adapters. */
const CROSSDOCK_EVENT_NAMESPACE = '3f0c6f64-6b55-4d2a-9a54-1f8e3a9d7c21';

/** RFC 9562 name-based UUID, version 5 (SHA-1), in the Crossdock namespace. */
export function nameBasedUuid(name: string, namespace: string = CROSSDOCK_EVENT_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes.writeUInt8((bytes.readUInt8(6) & 0x0f) | 0x50, 6);
  bytes.writeUInt8((bytes.readUInt8(8) & 0x3f) | 0x80, 8);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * eventId of an order event: stable per (order, event type), so every redelivery of the same fact
 * (webhook retry, a re-sent EDI file, a poller re-emitting after a crash, a later Amazon status of
 * an already-created order) carries the same id and order-ingest suppresses it.
 */
export function orderEventId(orderId: string, eventType: ChannelOrderEventType): string {
  return nameBasedUuid(`${orderId}|${eventType}`);
}
