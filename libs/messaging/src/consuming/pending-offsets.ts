export interface OffsetCommitPolicy {
  /** Commit once this many messages were handled since the last commit... */
  readonly everyMessages: number;
  /** ...or this long after it, whichever comes first. */
  readonly intervalMs: number;
}

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** The next offset to consume (last handled + 1), as Kafka commits it. */
  readonly offset: string;
}

/**
 * Offsets handled but not yet committed, and when they are due. The consumer commits them in the
 * background instead of after every batch: an awaited commit per batch put a broker round trip
 * between each batch and the next fetch, which under load was most of a record's wait. A crash
 * replays at most a policy's worth of handled messages, which handlers absorb (they are idempotent,
 * as they must be for any crash between handling and commit).
 */
export class PendingOffsets {
  private readonly next = new Map<string, { topic: string; partition: number; offset: bigint }>();
  private handledSinceCommit = 0;
  private lastTakenAt: number;

  constructor(
    private readonly policy: OffsetCommitPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.lastTakenAt = now();
  }

  /** `lastOffset` of the partition and everything before it were handled (or dead-lettered). */
  handled(topic: string, partition: number, lastOffset: string, messages: number): void {
    const key = `${topic}|${partition}`;
    const offset = BigInt(lastOffset) + 1n;
    const held = this.next.get(key);
    if (!held || offset > held.offset) this.next.set(key, { topic, partition, offset });
    this.handledSinceCommit += messages;
  }

  isEmpty(): boolean {
    return this.next.size === 0;
  }

  due(): boolean {
    if (this.next.size === 0) return false;
    return this.handledSinceCommit >= this.policy.everyMessages || this.now() - this.lastTakenAt >= this.policy.intervalMs;
  }

  /** Everything pending, now handed to a commit; the counters start again. */
  take(): PartitionOffset[] {
    const offsets = [...this.next.values()].map(({ topic, partition, offset }) => ({ topic, partition, offset: offset.toString() }));
    this.next.clear();
    this.handledSinceCommit = 0;
    this.lastTakenAt = this.now();
    return offsets;
  }

  /** A commit failed: its offsets are pending again, unless a later one of the partition was handled since. */
  restore(offsets: readonly PartitionOffset[]): void {
    for (const { topic, partition, offset } of offsets) {
      const key = `${topic}|${partition}`;
      const held = this.next.get(key);
      if (!held || BigInt(offset) > held.offset) this.next.set(key, { topic, partition, offset: BigInt(offset) });
    }
  }

  /** After a rebalance: partitions this consumer no longer owns are committed by their new owner's progress. */
  retainOnly(assigned: ReadonlyMap<string, readonly number[]>): void {
    for (const [key, { topic, partition }] of this.next) {
      if (!assigned.get(topic)?.includes(partition)) this.next.delete(key);
    }
  }
}
