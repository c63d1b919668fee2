import { Module } from '@nestjs/common';
import { InventoryModule } from '../inventory/inventory.module';
import { PublicationModule } from '../publication/publication.module';
import { PositionIngestService } from './position-ingest.service';
import { PositionsHandler } from './positions.handler';

@Module({
  imports: [InventoryModule, PublicationModule],
  controllers: [PositionsHandler],
  providers: [PositionIngestService],
})
export class PositionsModule {}
