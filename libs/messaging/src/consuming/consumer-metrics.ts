/** What the consumer loop reports; backed by Prometheus in services, by a recorder in unit tests. */
export interface ConsumerMetrics {
  handled(topic: string, seconds: number): void;
  retried(topic: string): void;
  deadLettered(topic: string, code: string): void;
}
