import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type ChannelOrder } from '@crossdock/contracts';
import { type InboundBatchItem, OnEventBatch } from '@crossdock/messaging';
import { OutboxRelay } from '@crossdock/outbox';
import { ErpDrainerService } from '../erp/erp-drainer.service';
import { OrderIntakeService } from './order-intake.service';

/** Channel orders in, a partition's batch at a time; decoding, retries and dead letters are the transport's. */
@Controller()
export class ChannelOrdersHandler {
  constructor(
    private readonly intake: OrderIntakeService,
    private readonly drainer: ErpDrainerService,
    private readonly relay: OutboxRelay,
  ) {}

  @OnEventBatch(Topics.channelOrders, { maxMessages: 200 })
  async onChannelOrders(@Payload() orders: readonly InboundBatchItem<ChannelOrder>[]): Promise<void> {
    const results = await this.intake.receiveBatch(orders);
    // Committed: let the loops pick the new rows up now rather than at their next poll.
    if (results.some((r) => r.queuedErpCall)) this.drainer.wake();
    if (results.some((r) => r.queuedEvent)) this.relay.wake();
  }
}
