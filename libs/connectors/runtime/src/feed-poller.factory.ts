import type { Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { FeedPoller, FeedSync, type FeedMapper, type FeedStateStore } from '@crossdock/connectors/domain';
import type { PlatformConfig } from '@crossdock/config';
import type { TopicDefinition } from '@crossdock/contracts';
import type { EventPublisher } from '@crossdock/messaging';
import type { ConnectorPollSettings } from './connector-settings.schema';
import { pageObserver, pollerEvents } from './connector.metrics';
import { HttpFeedSource } from './http-feed.source';
import { KafkaFeedSink } from './kafka-feed.sink';

export interface FeedDefinition<TValue> {
  /** Cursor row, metric label and `?feed=` value. */
  readonly feed: string;
  readonly contract: TopicDefinition<TValue>;
  readonly source: { readonly baseUrl: string; readonly feedPath: string; readonly apiKey?: string | undefined };
  readonly mapper: FeedMapper<TValue>;
  /**
   * For a feed of events rather than a table: the mapper keys each outcome by the event's own
   * identity (so a page keeps every event), and this gives the Kafka key (e.g. the order id).
   * Omitted, the outcome's key is the Kafka key.
   */
  readonly publishKey?: (value: TValue) => string;
}

export interface FeedDependencies {
  readonly config: PlatformConfig & ConnectorPollSettings;
  readonly publisher: EventPublisher;
  readonly producer: Producer;
  readonly store: FeedStateStore;
  readonly logger: Logger;
}

/** Source (HTTP) -> mapper -> sink (Kafka) -> store (the app's database), polled forever. */
export function createFeedPoller<TValue>(definition: FeedDefinition<TValue>, deps: FeedDependencies): FeedPoller {
  const { config } = deps;
  const sync = new FeedSync<TValue>({
    feed: definition.feed,
    source: new HttpFeedSource({ ...definition.source, timeoutMs: config.SOURCE_TIMEOUT_MS }),
    mapper: definition.mapper,
    sink: new KafkaFeedSink({
      contract: definition.contract,
      publisher: deps.publisher,
      producer: deps.producer,
      namespace: config.TOPIC_NAMESPACE,
      producerName: config.SERVICE_NAME,
      ...(definition.publishKey ? { publishKey: definition.publishKey } : {}),
    }),
    store: deps.store,
    pageSize: config.POLL_PAGE_SIZE,
    onPage: (report) => {
      observePage(report);
      poller.noteProgress();
    },
  });
  const observePage = pageObserver(deps.logger);
  const poller = new FeedPoller({
    sync: sync as FeedSync<unknown>,
    intervalMs: config.POLL_INTERVAL_MS,
    backoff: { initialMs: config.POLL_BACKOFF_INITIAL_MS, maxMs: config.POLL_BACKOFF_MAX_MS },
    stallAfterMs: config.POLL_STALL_AFTER_MS,
    events: pollerEvents(definition.feed, deps.logger),
  });
  return poller;
}
