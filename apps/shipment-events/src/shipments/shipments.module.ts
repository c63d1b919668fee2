import { Module } from '@nestjs/common';
import { CarrierDirectory, ChannelStatusMappings } from '@crossdock/shipment-events/domain';
import { publishedLagFollower } from '../metrics/published-lag.follower';
import { ShipmentGaugesRefresher } from '../metrics/shipment-gauges.refresher';
import { ErpPostingRecorder } from './erp-posting.recorder';
import { FactApplier } from './fact-applier.service';
import { FactIntakeService } from './fact-intake.service';
import { FactsHandler } from './facts.handler';
import { OrderLifecycleService } from './order-lifecycle.service';
import { OrdersHandler } from './orders.handler';
import { ShipmentOutputWriter } from './shipment-output.writer';
import { WaitingFactsSweeper } from './waiting-facts.sweeper';

@Module({
  controllers: [OrdersHandler, FactsHandler],
  providers: [
    // The carrier directory and the channel status mappings as shipped with the domain lib (data files, validated at start).
    { provide: CarrierDirectory, useFactory: () => CarrierDirectory.standard() },
    { provide: ChannelStatusMappings, useFactory: () => ChannelStatusMappings.standard() },
    ShipmentOutputWriter,
    FactApplier,
    FactIntakeService,
    OrderLifecycleService,
    WaitingFactsSweeper,
    ErpPostingRecorder,
    ShipmentGaugesRefresher,
    publishedLagFollower,
  ],
  exports: [FactApplier, ErpPostingRecorder, ShipmentOutputWriter, CarrierDirectory],
})
export class ShipmentsModule {}
