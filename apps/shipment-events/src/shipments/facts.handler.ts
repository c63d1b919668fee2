import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { Topics, type TrackingUpdate, type WarehouseShipment } from '@crossdock/contracts';
import { OnEvent } from '@crossdock/messaging';
import { FactIntakeService } from './fact-intake.service';

/** Pick/pack/ship facts from the WMS and the 3PLs' 945s, and carrier tracking updates. */
@Controller()
export class FactsHandler {
  constructor(private readonly intake: FactIntakeService) {}

  @OnEvent(Topics.wmsShipments)
  async onWmsShipment(@Payload() fact: WarehouseShipment): Promise<void> {
    await this.intake.receiveWarehouseFact(fact, Topics.wmsShipments);
  }

  @OnEvent(Topics.thirdPartyShipments)
  async onThirdPartyShipment(@Payload() fact: WarehouseShipment): Promise<void> {
    await this.intake.receiveWarehouseFact(fact, Topics.thirdPartyShipments);
  }

  @OnEvent(Topics.carrierTracking)
  async onTrackingUpdate(@Payload() update: TrackingUpdate): Promise<void> {
    await this.intake.receiveTrackingUpdate(update, Topics.carrierTracking);
  }
}
