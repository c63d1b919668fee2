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

/** Offsets taken for one commit, with the group membership they were handled under. */
export interface PendingCommit {
  readonly offsets: readonly PartitionOffset[];
  readonly membership: number;
}

/**
 * Offsets handled but not yet committed, and when they are due. The consumer commits them in the
 * background instead of after every batch: an awaited commit per batch put a broker round trip
 * between each batch and the next fetch, which under load was most of a record's wait. A crash
 * replays at most a policy's worth of handled messages, which handlers absorb (they are idempotent,
 * as they must be for any crash between handling and commit).
 */
export class PendingOffsets {
  private membershipCount = 0;
  private readonly next = new Map<string, { topic: string; partition: number; offset: bigint }>();
  private handledSinceCommit = 0;
  private lastTakenAt: number;

  constructor(
    private readonly policy: OffsetCommitPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.lastTakenAt = now();
  }

  /** The group membership now: a batch notes it when it starts and hands it back with what it handled. */
  get membership(): number {
    return this.membershipCount;
  }

  /**
   * `lastOffset` of the partition and everything before it were handled (or dead-lettered), by a
   * batch fetched under `membership`; ignored when the consumer rejoined the group since.
   */
  handled(topic: string, partition: number, lastOffset: string, messages: number, membership = this.membershipCount): void {
    if (membership !== this.membershipCount) return;
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
  take(): PendingCommit {
    const offsets = [...this.next.values()].map(({ topic, partition, offset }) => ({ topic, partition, offset: offset.toString() }));
    this.next.clear();
    this.handledSinceCommit = 0;
    this.lastTakenAt = this.now();
    return { offsets, membership: this.membershipCount };
  }

  /**
   * A commit failed: its offsets are pending again, unless a later one of the partition was handled
   * since, or the consumer rejoined the group in between (then they are dropped, see `rejoined`).
   */
  restore(commit: PendingCommit): void {
    if (commit.membership !== this.membershipCount) return;
    for (const { topic, partition, offset } of commit.offsets) {
      const key = `${topic}|${partition}`;
      const held = this.next.get(key);
      if (!held || BigInt(offset) > held.offset) this.next.set(key, { topic, partition, offset: BigInt(offset) });
    }
  }

  /**
   * The consumer (re)joined the group: everything pending is dropped, even for partitions it keeps.
   * The consumer reads its new assignment from the group's committed offsets, so what was handled
   * but not committed is delivered again (handlers are idempotent). Committing it now could move a
   * partition's offset backwards: a member the group had already removed (a missed heartbeat) may
   * have handled messages that the partition's interim owner handled further and committed, and
   * a commit made after rejoining carries the new membership, so Kafka would accept it.
   */
  rejoined(): void {
    this.next.clear();
    this.handledSinceCommit = 0;
    this.membershipCount++;
  }
}
