import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type OrderAccepted, type OrderCancelled } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { FulfilmentService } from '../fulfilment/fulfilment.service';
import { ReservationsService } from './reservations.service';

@Controller()
export class ReservationsHandler {
  constructor(
    private readonly reservations: ReservationsService,
    private readonly fulfilment: FulfilmentService,
  ) {}

  /** Reserves the lines, then applies a shipment of them that arrived first (a crash between the two: the redelivery does it). */
  @OnEvent(Topics.ordersAccepted)
  async onOrderAccepted(@Payload() order: OrderAccepted): Promise<void> {
    await this.reservations.reserveOrder(order);
    await this.fulfilment.applyAwaiting(order.orderId);
  }

  @OnEvent(Topics.orderCancellations)
  async onOrderCancelled(@Payload() cancelled: OrderCancelled): Promise<void> {
    await this.reservations.applyCancellation(cancelled);
  }
}
