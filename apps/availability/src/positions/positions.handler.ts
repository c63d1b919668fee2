import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { PositionIngestService } from './position-ingest.service';

/** Live updates of the three tables the sellable figures come from; decoding is the transport's. */
@Controller()
export class PositionsHandler {
  constructor(private readonly ingest: PositionIngestService) {}

  @OnEvent(Topics.erpInventoryPositions)
  onErpPosition(@Payload() position: InventoryPosition): Promise<void> {
    return this.ingest.applyPosition('ERP', position);
  }

  @OnEvent(Topics.wmsInventoryPositions)
  onWmsPosition(@Payload() position: InventoryPosition): Promise<void> {
    return this.ingest.applyPosition('WMS', position);
  }

  @OnEvent(Topics.itemMaster)
  onItem(@Payload() item: ItemMaster): Promise<void> {
    return this.ingest.applyItem(item);
  }
}
