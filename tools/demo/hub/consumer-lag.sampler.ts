import type { Admin, Kafka } from 'kafkajs';

/** The hub's total consumer lag at one moment; null when Kafka could not say (the broker is down). */
export interface LagSample {
  readonly at: number;
  readonly messages: number | null;
}

/**
 * Samples the total lag of the services' consumer groups (`<namespace><service>`, the group every
 * instance of a service joins): the messages written to the topics they read and not yet committed.
 */
export class ConsumerLagSampler {
  readonly samples: LagSample[] = [];
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private busy = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly groups: readonly string[],
    private readonly everyMs = 2000,
  ) {}

  /** Connects; samples every `everyMs` into `samples` unless it is 0 (then only `lagNow` answers). */
  async start(): Promise<void> {
    this.admin = this.kafka.admin({ retry: { retries: 0 } });
    await this.admin.connect();
    if (this.everyMs > 0) this.timer = setInterval(() => void this.sample(), this.everyMs);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** The total lag right now; null when Kafka could not say. */
  async lagNow(): Promise<number | null> {
    const byGroup = await this.lagByGroup();
    return byGroup === null ? null : [...byGroup.values()].reduce((sum, lag) => sum + lag, 0);
  }

  /** Each group's lag right now (what a total alone hides: which service is behind); null when Kafka could not say. */
  async lagByGroup(): Promise<Map<string, number> | null> {
    if (!this.admin) return null;
    try {
      const byGroup = new Map<string, number>();
      for (const groupId of this.groups) byGroup.set(groupId, await this.groupLag(this.admin, groupId));
      return byGroup;
    } catch {
      return null;
    }
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    const at = Date.now();
    this.samples.push({ at, messages: await this.lagNow() });
    this.busy = false;
  }

  private async groupLag(admin: Admin, groupId: string): Promise<number> {
    const committed = await admin.fetchOffsets({ groupId });
    let lag = 0;
    for (const { topic, partitions } of committed) {
      const ends = new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)]));
      for (const p of partitions) {
        const end = ends.get(p.partition) ?? 0;
        const at = Number(p.offset);
        lag += at < 0 ? 0 : Math.max(0, end - at);
      }
    }
    return lag;
  }
}
