import { Module } from '@nestjs/common';
import { ChannelRulesModule } from '../channel-rules/channel-rules.module';
import { CacheRebuildService } from './cache-rebuild.service';
import { CommittedUnitsSync } from './committed-units.sync';
import { ConsumedLineSettlements } from './consumed-line.settlements';
import { InventoryStateService } from './inventory-state.service';

@Module({
  imports: [ChannelRulesModule],
  providers: [InventoryStateService, CacheRebuildService, CommittedUnitsSync, ConsumedLineSettlements],
  exports: [InventoryStateService, CommittedUnitsSync, ConsumedLineSettlements, ChannelRulesModule],
})
export class InventoryModule {}
