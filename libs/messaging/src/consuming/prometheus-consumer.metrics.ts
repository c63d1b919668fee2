import { counter, histogram } from '@crossdock/observability';
import type { ConsumerMetrics } from './consumer-metrics';

/** Consumer metrics every service exposes on /metrics under the same names. */
export function prometheusConsumerMetrics(): ConsumerMetrics {
  const processed = histogram(
    'crossdock_messaging_processing_seconds',
    'Time from taking a message off the batch to handling it, retries included',
    ['topic'],
    [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
  );
  const lag = histogram(
    'crossdock_messaging_consume_lag_seconds',
    "A record's age when the consumer takes it for handling: now minus its timestamp (the producer's clock, or the broker's on a LogAppendTime topic)",
    ['topic'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 30, 300],
  );
  const retries = counter('crossdock_messaging_retries_total', 'Handler or decode attempts that failed and were retried', ['topic']);
  const deadLetters = counter('crossdock_messaging_dead_letters_total', 'Messages sent to the dead-letter topic', ['topic', 'code']);
  const commitFailures = counter(
    'crossdock_messaging_offset_commit_failures_total',
    'Offset commits that failed (their offsets are retried with the next commit; a crash before then replays them)',
    [],
  );
  return {
    received: (topic, lagSeconds) => lag.observe({ topic }, lagSeconds),
    handled: (topic, seconds) => processed.observe({ topic }, seconds),
    retried: (topic) => retries.inc({ topic }),
    deadLettered: (topic, code) => deadLetters.inc({ topic, code }),
    commitFailed: () => commitFailures.inc(),
  };
}
