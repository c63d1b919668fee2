import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type ChannelAvailability, type ItemMaster } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { ReferenceTablesService } from './reference-tables.service';

/** Live updates of the item master and of the availability the availability service publishes (consumed, never called). */
@Controller()
export class TablesHandler {
  constructor(private readonly tables: ReferenceTablesService) {}

  @OnEvent(Topics.itemMaster)
  onItem(@Payload() item: ItemMaster): void {
    this.tables.applyItem(item);
  }

  @OnEvent(Topics.channelAvailability)
  onAvailability(@Payload() record: ChannelAvailability): void {
    this.tables.applyAvailability(record);
  }
}
