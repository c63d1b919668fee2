import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { APP_CONFIG, type PlatformConfig } from '@crossdock/config';
import { OBSERVABILITY_LOGGER, ReadinessRegistry, StartupTask } from '@crossdock/observability';
import type { CompactedReadResult } from '../consuming/compacted-topic.reader';
import { KAFKA_CLIENT } from '../nest/messaging.tokens';
import { AvroSerde } from '../serde/avro-serde';
import { followTables, rebuildTables, type TableFeed } from './table-rebuild';

/** Reads the given feeds' compacted topics to their high-water marks (`rebuildTables`), in the service's own throw-away group. */
export type ReadTables = (feeds: readonly TableFeed<unknown>[]) => Promise<CompactedReadResult>;

/**
 * Reads the feeds' topics to their high-water marks, then keeps following every partition in the
 * instance's own throw-away group (`followTables`) until the application shuts down or the attempt
 * is retried: for state every instance must hold whole, whichever partitions its group owns.
 */
export type FollowTables = (feeds: readonly TableFeed<unknown>[]) => Promise<CompactedReadResult>;

/** One service's tables, rebuilt from compacted topics before it is ready. */
export interface StartupRebuild {
  /** What it rebuilds, for logs and the readiness answer, e.g. `inventory cache rebuild`. */
  readonly what: string;
  /** The readiness check it holds until done. */
  readonly readinessCheck: string;
  /** Bounds each read of the topics; a rebuild still failing past it stops the process. */
  readonly timeoutMs: number;
  /** Done: the service's own state says its tables are complete, not merely the last attempt. */
  readonly isDone: () => boolean;
  /** One attempt: whatever else the service loads first, and its compacted topics through `readTables`. */
  readonly attempt: (readTables: ReadTables, followTables: FollowTables) => Promise<void>;
}

/**
 * The start-up rebuilds of a service's tables. A provider registers its rebuild when it is
 * constructed; each runs as a `StartupTask` from the application's bootstrap (HTTP is already up,
 * /health/ready answers 503 naming the last failure, failures are retried, one still failing past
 * its timeout stops the process) and stops on shutdown. Records that do not decode are skipped,
 * never dead-lettered: the live consumer dead-letters them once, and a rebuild must not do it
 * again on every start.
 */
@Injectable()
export class StartupRebuilds implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly tasks: Array<{ readonly task: StartupTask; readonly attempt: () => Promise<void> }> = [];
  /** The followers started by each rebuild's latest attempt; a retried attempt stops its predecessor's. */
  private readonly followers = new Map<string, Array<{ stop(): Promise<void> }>>();

  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly serde: AvroSerde,
    private readonly readiness: ReadinessRegistry,
    @Inject(APP_CONFIG) private readonly config: PlatformConfig,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {}

  register(rebuild: StartupRebuild): void {
    const { what, readinessCheck, timeoutMs, isDone } = rebuild;
    const task = new StartupTask({ what, readinessCheck, readiness: this.readiness, logger: this.logger, timeoutMs, isDone });
    const groupPrefix = `${this.config.TOPIC_NAMESPACE}${this.config.SERVICE_NAME}`;
    const readTables: ReadTables = (feeds) => rebuildTables({ kafka: this.kafka, serde: this.serde, feeds, groupPrefix, timeoutMs });
    const follow: FollowTables = async (feeds) => {
      const follower = await followTables({ kafka: this.kafka, serde: this.serde, feeds, groupPrefix, timeoutMs });
      const running = this.followers.get(what);
      if (!running) {
        // Shut down (or retried) while it was catching up: nobody would stop it later.
        await follower.stop();
        throw new Error(`${what}: stopped while its tables were being read`);
      }
      running.push(follower);
      return follower;
    };
    const attempt = async (): Promise<void> => {
      const previous = this.followers.get(what) ?? [];
      this.followers.set(what, []);
      if (previous.length > 0) await Promise.all(previous.map((follower) => follower.stop()));
      await rebuild.attempt(readTables, follow);
    };
    this.tasks.push({ task, attempt });
  }

  onApplicationBootstrap(): void {
    for (const { task, attempt } of this.tasks) task.start(attempt);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const { task } of this.tasks) task.stop();
    await Promise.all([...this.followers.keys()].map((what) => this.stopFollowers(what)));
  }

  private async stopFollowers(what: string): Promise<void> {
    const followers = this.followers.get(what) ?? [];
    this.followers.delete(what);
    await Promise.all(followers.map((follower) => follower.stop()));
  }
}
