import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type OrderAccepted, type OrderCancelled } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { ReservationsService } from './reservations.service';

@Controller()
export class ReservationsHandler {
  constructor(private readonly reservations: ReservationsService) {}

  @OnEvent(Topics.ordersAccepted)
  async onOrderAccepted(@Payload() order: OrderAccepted): Promise<void> {
    await this.reservations.reserveOrder(order);
  }

  @OnEvent(Topics.orderCancellations)
  async onOrderCancelled(@Payload() cancelled: OrderCancelled): Promise<void> {
    await this.reservations.applyCancellation(cancelled);
  }
}
