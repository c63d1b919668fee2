import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { AvailabilityController } from './availability.controller';
import { AvailabilityQueryService } from './availability-query.service';

@Module({
  imports: [InventoryModule],
  controllers: [AvailabilityController],
  providers: [AvailabilityQueryService],
})
export class QueryModule {}
