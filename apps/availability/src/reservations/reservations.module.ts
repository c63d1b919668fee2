import { Module } from '@nestjs/common';
import { FulfilmentModule } from '../fulfilment/fulfilment.module';
import { InventoryModule } from '../inventory/inventory.module';
import { PublicationModule } from '../publication/publication.module';
import { ReservationExpiryScheduler } from './reservation-expiry.scheduler';
import { ReservationRepository } from './reservation.repository';
import { ReservationsHandler } from './reservations.handler';
import { ReservationsService } from './reservations.service';

@Module({
  imports: [InventoryModule, PublicationModule, FulfilmentModule],
  controllers: [ReservationsHandler],
  providers: [ReservationRepository, ReservationsService, ReservationExpiryScheduler],
  exports: [ReservationsService],
})
export class ReservationsModule {}
