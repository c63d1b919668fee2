import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { PublicationModule } from '../publication/publication.module';
import { FulfilmentHandler } from './fulfilment.handler';
import { FulfilmentRepository } from './fulfilment.repository';
import { FulfilmentService } from './fulfilment.service';

@Module({
  imports: [InventoryModule, PublicationModule],
  controllers: [FulfilmentHandler],
  providers: [FulfilmentRepository, FulfilmentService],
  exports: [FulfilmentService],
})
export class FulfilmentModule {}
