import { Inject, Injectable } from '@nestjs/common';
import { releaseRoute } from '@crossdock/connectors/domain';
import { APP_CONFIG } from '@crossdock/config';
import type { WarehouseRelease } from '@crossdock/contracts';
import { PoisonMessageError } from '@crossdock/messaging';
import { currentTraceparent } from '@crossdock/outbox';
import type { WmsConnectorConfig } from '../config/wms-connector-config.schema';
import { ReleaseDispatcherService } from './release-dispatcher.service';
import { ReleaseQueueRepository } from './release-queue.repository';

/**
 * Takes each release off the topic into the durable queue: once per release and action (a
 * redelivery or a re-publication finds it stored and changes nothing). A release this connector
 * cannot route (an unmapped location, no lines) is dead-lettered with the reason, byte for byte,
 * to be replayed once the configuration names the location.
 */
@Injectable()
export class ReleaseIntakeService {
  constructor(
    private readonly queue: ReleaseQueueRepository,
    private readonly dispatcher: ReleaseDispatcherService,
    @Inject(APP_CONFIG) private readonly config: WmsConnectorConfig,
  ) {}

  async receive(release: WarehouseRelease): Promise<boolean> {
    const route = releaseRoute(release, this.config.WMS_FACILITY_MAP, this.dispatcher.mailboxes);
    if (route.kind === 'REFUSED') throw new PoisonMessageError(route.code, route.message);
    const stored = await this.queue.store(release, currentTraceparent());
    if (stored) this.dispatcher.wake();
    return stored;
  }
}
