import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topics, type ChannelOrder } from '@crossdock/contracts';
import { KafkaEventContext, OnEvent } from '@crossdock/messaging';

export interface SeenOrder {
  readonly order: ChannelOrder;
  readonly traceId: string | undefined;
  readonly receivedAt: number;
}

/** Stands in for order-ingest until it exists: records what arrives so the smoke flow can report it. */
@Controller()
export class SmokeOrderController {
  static readonly seen: SeenOrder[] = [];

  @OnEvent(Topics.channelOrders)
  onOrder(@Payload() order: ChannelOrder, @Ctx() ctx: KafkaEventContext): void {
    SmokeOrderController.seen.push({
      order,
      traceId: ctx.meta.headers['traceparent']?.split('-')[1],
      receivedAt: Date.now(),
    });
  }
}
