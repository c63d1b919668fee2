import { Module } from '@nestjs/common';
import { ChannelRulesModule } from '../channel-rules/channel-rules.module';
import { CacheRebuildService } from './cache-rebuild.service';
import { InventoryStateService } from './inventory-state.service';

@Module({
  imports: [ChannelRulesModule],
  providers: [InventoryStateService, CacheRebuildService],
  exports: [InventoryStateService, ChannelRulesModule],
})
export class InventoryModule {}
