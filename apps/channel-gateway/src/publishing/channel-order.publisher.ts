import { Injectable } from '@nestjs/common';
import { messageKey, Topics, type ChannelOrder } from '@crossdock/contracts';
import { EventPublisher } from '@crossdock/messaging';
import { gatewayMetrics } from '../metrics/channel-gateway.metrics';

/**
 * The one writer of the channel-orders topic. Resolves only once Kafka acknowledged every order
 * (idempotent producer, acks from all in-sync replicas): callers answer 200, move a file or advance
 * a cursor after that, never before. Re-publishing the same order is safe: its eventId is derived
 * from the order, and order-ingest suppresses what it has seen.
 */
@Injectable()
export class ChannelOrderPublisher {
  constructor(private readonly events: EventPublisher) {}

  async publish(orders: readonly ChannelOrder[]): Promise<void> {
    if (orders.length === 0) return;
    await this.events.publishMany(
      Topics.channelOrders,
      orders.map((order) => ({
        key: messageKey(Topics.channelOrders, order),
        value: order,
        options: {
          correlationId: order.orderId,
          idempotencyKey: order.eventId,
          ...(order.sourceDeliveryId ? { causationId: order.sourceDeliveryId } : {}),
        },
      })),
    );
    for (const order of orders) gatewayMetrics.ordersPublished.inc({ channel: order.channel, event_type: order.eventType });
  }
}
