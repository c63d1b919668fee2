import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { AvailabilityPublisherService } from './availability-publisher.service';

@Module({
  imports: [InventoryModule],
  providers: [AvailabilityPublisherService],
  exports: [AvailabilityPublisherService],
})
export class PublicationModule {}
