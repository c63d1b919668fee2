import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type TrackingUpdate, type WarehouseShipment } from '@crossdock/contracts';
import { type InboundBatchItem, OnEventBatch } from '@crossdock/messaging';
import { FactIntakeService } from './fact-intake.service';

/** Consecutive facts of one partition in one transaction: a burst costs one commit, not one per fact. */
const MAX_FACTS = 100;

/** Pick/pack/ship facts from the WMS and the 3PLs' 945s, and carrier tracking updates; decoding, retries and dead letters are the transport's. */
@Controller()
export class FactsHandler {
  constructor(private readonly intake: FactIntakeService) {}

  @OnEventBatch(Topics.wmsShipments, { maxMessages: MAX_FACTS })
  async onWmsShipments(@Payload() facts: readonly InboundBatchItem<WarehouseShipment>[]): Promise<void> {
    await this.intake.receiveWarehouseFacts(facts, Topics.wmsShipments);
  }

  @OnEventBatch(Topics.thirdPartyShipments, { maxMessages: MAX_FACTS })
  async onThirdPartyShipments(@Payload() facts: readonly InboundBatchItem<WarehouseShipment>[]): Promise<void> {
    await this.intake.receiveWarehouseFacts(facts, Topics.thirdPartyShipments);
  }

  @OnEventBatch(Topics.carrierTracking, { maxMessages: MAX_FACTS })
  async onTrackingUpdates(@Payload() updates: readonly InboundBatchItem<TrackingUpdate>[]): Promise<void> {
    await this.intake.receiveTrackingUpdates(updates, Topics.carrierTracking);
  }
}
