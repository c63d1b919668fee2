import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { APP_CONFIG } from '@crossdock/config';
import { messageKey, topicName, Topics, type ChannelAvailability } from '@crossdock/contracts';
import { AvroSerde, KAFKA_CLIENT, rebuildTables } from '@crossdock/messaging';
import { figureFingerprint } from '@crossdock/availability/domain';
import type { AvailabilityConfig } from '../config/availability-config.schema';

export interface PublishedFigure {
  readonly sku: string;
  readonly channelAccountId: string;
  /** `figureFingerprint` of the record: what the publisher's coalescer compares. */
  readonly figure: number;
  readonly version: number;
}

/**
 * The channel figures as last published: the compacted channel-availability topic read to its
 * end (a throw-away group), newest record per key, tombstones removing theirs. What a new
 * publisher compares its own figures with, so it sends only those that differ.
 */
@Injectable()
export class PublishedFigures {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    @Inject(APP_CONFIG) private readonly config: AvailabilityConfig,
  ) {}

  async read(): Promise<PublishedFigure[]> {
    const figures = new Map<string, PublishedFigure>();
    await rebuildTables({
      kafka: this.kafka,
      serde: this.serde,
      groupPrefix: `${this.config.TOPIC_NAMESPACE}${this.config.SERVICE_NAME}-published`,
      timeoutMs: this.config.CACHE_REBUILD_TIMEOUT_MS,
      feeds: [
        {
          topic: topicName(Topics.channelAvailability, this.config.TOPIC_NAMESPACE),
          contract: Topics.channelAvailability,
          apply: (key: string | null, value: ChannelAvailability | null) => {
            if (value === null) {
              if (key !== null) figures.delete(key);
              return;
            }
            const k = key ?? messageKey(Topics.channelAvailability, value);
            // Offsets order a key's records; versions too, unless two publishers overlapped: the newer version stands.
            if ((figures.get(k)?.version ?? -1) > value.version) return;
            figures.set(k, {
              sku: value.sku,
              channelAccountId: value.channelAccountId,
              figure: figureFingerprint(value),
              version: value.version,
            });
          },
        },
      ],
    });
    return [...figures.values()];
  }
}
