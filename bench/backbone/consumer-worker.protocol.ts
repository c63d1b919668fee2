/** IPC between the benchmark (parent) and the forked consumer (consumer.worker.ts). JSON only. */

export interface ConsumerWorkerConfig {
  readonly brokers: readonly string[];
  readonly registryUrl: string;
  readonly namespace: string;
  readonly groupId: string;
}

/** Headers the producer side sets so the consumer can attribute and time each message. */
export const BenchHeader = {
  /** Which measurement (and run) a message belongs to, e.g. `throughput-3`. */
  Phase: 'bench-phase',
  /** monotonicMs() when publish() was called for this message. */
  SentAt: 'bench-sent-at',
  /** monotonicMs() the fixed-rate schedule intended; includes the sender's own lag (no coordinated omission). */
  ScheduledAt: 'bench-scheduled-at',
} as const;

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

export interface PhaseReport {
  readonly phase: string;
  readonly received: number;
  /** Framed Avro value bytes (5-byte registry header + body); keys and headers not counted, as in Kafka's own MB/sec. */
  readonly valueBytes: number;
  /** monotonicMs() after decoding the first and the last message of the phase. */
  readonly firstDecodedAt: number;
  readonly lastDecodedAt: number;
  /** Decoded orderId differed from the message key: a corrupted or mis-routed message. */
  readonly mismatches: number;
  /** CPU time (user + system) the consumer process used between the first and the last decode, ms. */
  readonly consumerCpuMs: number;
  readonly latencyFromSend?: LatencySummary;
  readonly latencyFromSchedule?: LatencySummary;
}

export type ParentMessage = { readonly type: 'expect'; readonly phase: string; readonly count: number } | { readonly type: 'stop' };

export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly report: PhaseReport }
  | { readonly type: 'progress'; readonly phase: string; readonly received: number }
  | { readonly type: 'error'; readonly message: string };
