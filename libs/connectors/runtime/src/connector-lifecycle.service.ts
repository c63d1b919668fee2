import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { FeedPoller } from '@crossdock/connectors/domain';
import { OBSERVABILITY_LOGGER, ReadinessRegistry } from '@crossdock/observability';
import type { Leadership } from '@crossdock/outbox';
import { CONNECTOR_FEEDS, FEED_TURN } from './connector.tokens';

export const RESYNC_ON_START = Symbol('RESYNC_ON_START');

/**
 * Starts every feed's poll loop once the app is up, and stops them before the producer and the
 * database close (beforeApplicationShutdown runs ahead of every onApplicationShutdown), so the
 * page in hand is published and its cursor saved.
 *
 * One instance of the connector polls at a time: the one holding the feed poller's leader lock
 * (`FEED_TURN`); the others stand by and take over within a few poll intervals when it ends. A
 * second poller would read and publish every record again and could move a cursor back.
 *
 * Readiness per feed: ready only while its source answers and its last poll succeeded (or the
 * instance stands by); during an outage `/health/ready` answers 503 naming the feed and the error
 * (the loop keeps retrying).
 */
@Injectable()
export class ConnectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly unregister: Array<() => void> = [];

  constructor(
    @Inject(CONNECTOR_FEEDS) private readonly feeds: readonly FeedPoller[],
    @Inject(RESYNC_ON_START) private readonly resyncOnStart: boolean,
    @Inject(FEED_TURN) private readonly turn: Pick<Leadership, 'lead' | 'resign'>,
    private readonly readiness: ReadinessRegistry,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    for (const poller of this.feeds) {
      this.unregister.push(
        this.readiness.register(`feed:${poller.feed}`, () => {
          const status = poller.status();
          if (status.state === 'DEGRADED')
            throw new Error(`degraded after ${status.consecutiveFailures} failed poll(s): ${status.lastError ?? 'unknown error'}`);
          return status.state === 'HEALTHY' || status.state === 'STANDBY';
        }),
      );
      poller.start(async () => (await this.turn.lead()) !== null);
      if (this.resyncOnStart) {
        poller.resync().catch((error: unknown) => this.logger.error({ feed: poller.feed, err: error }, `${poller.feed}: resync at start failed`));
      }
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const unregister of this.unregister.splice(0)) unregister();
    await Promise.all(this.feeds.map((poller) => poller.stop()));
    // The pages in hand are saved: another instance may poll now.
    this.turn.resign();
  }
}
