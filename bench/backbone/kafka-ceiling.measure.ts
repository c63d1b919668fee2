import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../lib/stack';

export interface KafkaCeilingOptions {
  readonly topic: string;
  readonly brokers: readonly string[];
  readonly numRecords: number;
  /** Bytes per record; the backbone uses the Avro size of the sample order so both sides move the same payload. */
  readonly recordSize: number;
  readonly timeoutMs: number;
}

/** The final summary line of org.apache.kafka.tools.ProducerPerformance, parsed. */
export interface KafkaCeilingResult {
  readonly records: number;
  readonly recordsPerSec: number;
  /** MiB/s of record values (ProducerPerformance divides by 1024*1024 and calls it MB/sec). */
  readonly mbPerSec: number;
  readonly avgLatencyMs: number;
  readonly maxLatencyMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly p999Ms: number;
  readonly summaryLine: string;
}

// e.g. "500000 records sent, 151240.2 records/sec (110.32 MB/sec), 98.12 ms avg latency,
// 412.00 ms max latency, 87 ms 50th, 230 ms 95th, 301 ms 99th, 398 ms 99.9th."
// The per-5-second progress lines lack the percentiles, so only the final line matches.
const NUMBER = '([0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?)';
const SUMMARY = new RegExp(
  `^\\s*${NUMBER} records sent, ${NUMBER} records/sec \\(${NUMBER} MB/sec\\), ${NUMBER} ms avg latency, ${NUMBER} ms max latency, ` +
    `${NUMBER} ms 50th, ${NUMBER} ms 95th, ${NUMBER} ms 99th, ${NUMBER} ms 99\\.9th\\.?\\s*$`,
  'm',
);

export function parseProducerPerformanceSummary(output: string): KafkaCeilingResult {
  const match = SUMMARY.exec(output);
  if (!match) throw new Error(`no ProducerPerformance summary line in its output:\n${output.slice(-2_000)}`);
  const [records, recordsPerSec, mbPerSec, avgLatencyMs, maxLatencyMs, p50Ms, p95Ms, p99Ms, p999Ms] = match.slice(1, 10).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return { records, recordsPerSec, mbPerSec, avgLatencyMs, maxLatencyMs, p50Ms, p95Ms, p99Ms, p999Ms, summaryLine: match[0].trim() };
}

/**
 * Kafka's own Java producer at full speed (--throughput -1) against the same broker: the ceiling
 * any client on this machine can approach. Runs through infra/stack/kafka-run-class.sh, which execs
 * java on the stack's cached Kafka jars (so the timeout's kill reaches the JVM) and sends its own
 * logging to stderr, leaving stdout to the tool's report. Settings match EventPublisher's producer
 * where they can (acks=all; idempotence is on by default in the Java client) and let the Java
 * client batch as it does in production (linger.ms=5, 64 KiB batches).
 */
export function measureKafkaCeiling(options: KafkaCeilingOptions): Promise<KafkaCeilingResult> {
  const args = [
    'infra/stack/kafka-run-class.sh',
    'org.apache.kafka.tools.ProducerPerformance',
    '--topic',
    options.topic,
    '--num-records',
    String(options.numRecords),
    '--record-size',
    String(options.recordSize),
    '--throughput',
    '-1',
    '--producer-props',
    `bootstrap.servers=${options.brokers.join(',')}`,
    'acks=all',
    'linger.ms=5',
    'batch.size=65536',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: options.timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code !== 0) {
        reject(
          new Error(
            `ProducerPerformance failed (code ${code ?? '-'}, signal ${signal ?? '-'}${signal === 'SIGKILL' ? `, timeout ${options.timeoutMs} ms` : ''}):\n${(stderr || stdout).slice(-2_000)}`,
          ),
        );
        return;
      }
      try {
        resolve(parseProducerPerformanceSummary(stdout));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
