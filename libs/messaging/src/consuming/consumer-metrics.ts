/** What the consumer loop reports; backed by Prometheus in services, by a recorder in unit tests. */
export interface ConsumerMetrics {
  /** A record taken for handling, `lagSeconds` after its timestamp: how far behind the consumer is, in time. */
  received(topic: string, lagSeconds: number): void;
  handled(topic: string, seconds: number): void;
  retried(topic: string): void;
  deadLettered(topic: string, code: string): void;
  /** An offset commit failed (e.g. during a rebalance); its offsets are retried with the next commit. */
  commitFailed(): void;
}
