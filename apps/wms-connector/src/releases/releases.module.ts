import { Module } from '@nestjs/common';
import { AcknowledgementMatcher } from '../mailbox/acknowledgement.matcher';
import { EdiControlCounter } from '../mailbox/edi-control.counter';
import { MailboxReleaseSenderService } from '../mailbox/mailbox-release.sender';
import { ShipmentAdviceHandler } from '../mailbox/shipment-advice.handler';
import { ShipmentAdviceRepository } from '../mailbox/shipment-advice.repository';
import { ThirdPartyFileProcessor } from '../mailbox/third-party-file.processor';
import { ThirdPartyInboxService } from '../mailbox/third-party-inbox.service';
import { ThirdPartyMailboxes } from '../mailbox/third-party.mailboxes';
import { MAILBOX_RELEASE_SENDER } from './release-delivery.port';
import { ReleaseDispatcherService } from './release-dispatcher.service';
import { ReleaseIntakeService } from './release-intake.service';
import { ReleaseQueueRepository } from './release-queue.repository';
import { ReleaseHandler } from './release.handler';
import { ReleasesController } from './releases.controller';
import { WmsReleaseClient } from './wms-release.client';

/**
 * Warehouse releases: consumed into the durable queue, dispatched per location (the WMS API, or a
 * 940 in a 3PL's mailbox), answered through the outbox; the 3PLs' 997s and 945s read back.
 */
@Module({
  controllers: [ReleaseHandler, ReleasesController],
  providers: [
    ReleaseQueueRepository,
    WmsReleaseClient,
    ReleaseDispatcherService,
    ReleaseIntakeService,
    ThirdPartyMailboxes,
    EdiControlCounter,
    ShipmentAdviceRepository,
    MailboxReleaseSenderService,
    { provide: MAILBOX_RELEASE_SENDER, useExisting: MailboxReleaseSenderService },
    ShipmentAdviceHandler,
    AcknowledgementMatcher,
    ThirdPartyFileProcessor,
    ThirdPartyInboxService,
  ],
  exports: [ReleaseQueueRepository, ReleaseDispatcherService],
})
export class ReleasesModule {}
