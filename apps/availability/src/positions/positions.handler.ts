import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type InventoryPosition, type ItemMaster } from '@crossdock/contracts';
import { OnEventBatch, type InboundBatchItem } from '@crossdock/messaging';
import { PositionIngestService } from './position-ingest.service';

// Positions only touch memory, so a big batch costs one pass, not one round trip per record.
const MAX_MESSAGES = 500;

/** Live updates of the three tables the sellable figures come from; decoding is the transport's. */
@Controller()
export class PositionsHandler {
  constructor(private readonly ingest: PositionIngestService) {}

  // Tombstones (a connector deleting a SKU-location) arrive as null and remove the position.
  @OnEventBatch(Topics.erpInventoryPositions, { tombstones: true, maxMessages: MAX_MESSAGES })
  onErpPositions(@Payload() positions: readonly InboundBatchItem<InventoryPosition | null>[]): Promise<void> {
    return this.ingest.applyPositions('ERP', positions);
  }

  @OnEventBatch(Topics.wmsInventoryPositions, { tombstones: true, maxMessages: MAX_MESSAGES })
  onWmsPositions(@Payload() positions: readonly InboundBatchItem<InventoryPosition | null>[]): Promise<void> {
    return this.ingest.applyPositions('WMS', positions);
  }

  // An item deleted from the ERP's master arrives as a tombstone too: the SKU stops being sold.
  @OnEventBatch(Topics.itemMaster, { tombstones: true, maxMessages: MAX_MESSAGES })
  onItems(@Payload() items: readonly InboundBatchItem<ItemMaster | null>[]): Promise<void> {
    return this.ingest.applyItems(items);
  }
}
