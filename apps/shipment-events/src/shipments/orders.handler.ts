import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type OrderAccepted, type OrderCancelled, type WarehouseReleaseOutcome } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { OrderLifecycleService } from './order-lifecycle.service';

/** Accepted and cancelled orders from order-ingest, and what the warehouses made of the releases. */
@Controller()
export class OrdersHandler {
  constructor(private readonly orders: OrderLifecycleService) {}

  @OnEvent(Topics.ordersAccepted)
  async onOrderAccepted(@Payload() accepted: OrderAccepted): Promise<void> {
    await this.orders.accept(accepted);
  }

  @OnEvent(Topics.orderCancellations)
  async onOrderCancelled(@Payload() cancelled: OrderCancelled): Promise<void> {
    await this.orders.cancel(cancelled);
  }

  @OnEvent(Topics.warehouseReleaseOutcomes)
  async onReleaseOutcome(@Payload() outcome: WarehouseReleaseOutcome): Promise<void> {
    await this.orders.releaseOutcome(outcome);
  }
}
