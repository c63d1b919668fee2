import { Module } from '@nestjs/common';
import { ReleaseDispatcherService } from './release-dispatcher.service';
import { ReleaseIntakeService } from './release-intake.service';
import { ReleaseQueueRepository } from './release-queue.repository';
import { ReleaseHandler } from './release.handler';
import { ReleasesController } from './releases.controller';
import { WmsReleaseClient } from './wms-release.client';

/** Warehouse releases: consumed into the durable queue, dispatched per location, answered through the outbox. */
@Module({
  controllers: [ReleaseHandler, ReleasesController],
  providers: [ReleaseQueueRepository, WmsReleaseClient, ReleaseDispatcherService, ReleaseIntakeService],
  exports: [ReleaseQueueRepository, ReleaseDispatcherService],
})
export class ReleasesModule {}
