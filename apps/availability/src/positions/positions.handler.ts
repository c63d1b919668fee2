import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import { KafkaEventContext, OnEvent } from '@crossdock/messaging';
import { PositionIngestService } from './position-ingest.service';

/** Live updates of the three tables the sellable figures come from; decoding is the transport's. */
@Controller()
export class PositionsHandler {
  constructor(private readonly ingest: PositionIngestService) {}

  // Tombstones (a connector deleting a SKU-location) arrive as null and remove the position.
  @OnEvent(Topics.erpInventoryPositions, { tombstones: true })
  onErpPosition(@Payload() position: InventoryPosition | null, @Ctx() ctx: KafkaEventContext): Promise<void> {
    return position ? this.ingest.applyPosition('ERP', position) : this.ingest.removePosition('ERP', ctx.meta.key);
  }

  @OnEvent(Topics.wmsInventoryPositions, { tombstones: true })
  onWmsPosition(@Payload() position: InventoryPosition | null, @Ctx() ctx: KafkaEventContext): Promise<void> {
    return position ? this.ingest.applyPosition('WMS', position) : this.ingest.removePosition('WMS', ctx.meta.key);
  }

  @OnEvent(Topics.itemMaster)
  onItem(@Payload() item: ItemMaster): Promise<void> {
    return this.ingest.applyItem(item);
  }
}
