import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type ChannelOrder } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { ErpDrainerService } from '../erp/erp-drainer.service';
import { EventOutboxRelay } from '../outbox/event-outbox.relay';
import { OrderIntakeService } from './order-intake.service';

/** Channel orders in; decoding, retries and dead letters are the transport's. */
@Controller()
export class ChannelOrdersHandler {
  constructor(
    private readonly intake: OrderIntakeService,
    private readonly drainer: ErpDrainerService,
    private readonly relay: EventOutboxRelay,
  ) {}

  @OnEvent(Topics.channelOrders)
  async onChannelOrder(@Payload() order: ChannelOrder): Promise<void> {
    const result = await this.intake.receive(order);
    // Committed: let the loops pick the new rows up now rather than at their next poll.
    if (result.queuedErpCall) this.drainer.wake();
    if (result.queuedEvent) this.relay.wake();
  }
}
