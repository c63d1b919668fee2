import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type OrderFulfilment } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { FulfilmentService } from './fulfilment.service';

@Controller()
export class FulfilmentHandler {
  constructor(private readonly fulfilment: FulfilmentService) {}

  /**
   * The topic is a compacted table: a tombstone only tells that shipment-events forgot a finished
   * order, which changes nothing already consumed or released, so it is taken and ignored.
   */
  @OnEvent(Topics.orderFulfilment, { tombstones: true })
  async onFulfilment(@Payload() fulfilment: OrderFulfilment | null): Promise<void> {
    if (fulfilment) await this.fulfilment.apply(fulfilment);
  }
}
