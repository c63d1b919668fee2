import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Topics, type ChannelAvailability, type ItemMaster } from '@crossdock/contracts';
import { type KafkaEventContext, OnEvent, PoisonMessageError } from '@crossdock/messaging';
import { ReferenceTablesService } from './reference-tables.service';

/**
 * Live updates of the item master and of the availability the availability service publishes
 * (consumed, never called). Both topics are compacted: a tombstone (null value) deletes its key
 * here at once, as the rebuild at the next start would.
 */
@Controller()
export class TablesHandler {
  constructor(private readonly tables: ReferenceTablesService) {}

  @OnEvent(Topics.itemMaster, { tombstones: true })
  onItem(@Payload() item: ItemMaster | null, @Ctx() ctx: KafkaEventContext): void {
    if (item) this.tables.applyItem(item);
    else this.tables.removeItem(keyOf(ctx));
  }

  @OnEvent(Topics.channelAvailability, { tombstones: true })
  onAvailability(@Payload() record: ChannelAvailability | null, @Ctx() ctx: KafkaEventContext): void {
    if (record) this.tables.applyAvailability(record);
    else this.tables.removeAvailability(keyOf(ctx));
  }
}

function keyOf(ctx: KafkaEventContext): string {
  const { key } = ctx.meta;
  if (key === null) throw new PoisonMessageError('MISSING_KEY', 'a tombstone without a key deletes nothing');
  return key;
}
