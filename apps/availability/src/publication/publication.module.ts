import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { AvailabilityPublisherService } from './availability-publisher.service';
import { PublishedFigures } from './published-figures.reader';

@Module({
  imports: [InventoryModule],
  providers: [AvailabilityPublisherService, PublishedFigures],
  exports: [AvailabilityPublisherService],
})
export class PublicationModule {}
