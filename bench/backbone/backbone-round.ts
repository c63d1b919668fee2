import { loadavg } from 'node:os';
import { sleep } from '../lib/clock';
import type { BackboneConfig } from './backbone-config';
import type { BackboneSession } from './backbone-session';
import { measureAvroCodec, type AvroCodecResult } from './avro-codec.measure';
import { measureKafkaCeiling, type KafkaCeilingResult } from './kafka-ceiling.measure';
import { measureLatency, type LatencyResult } from './latency.measure';
import { measureThroughput, type ThroughputResult } from './throughput.measure';

/** One run of every backbone measurement. */
export interface BackboneRound {
  readonly run: number;
  /** 1-minute load average before the round: the machine is shared, so a slow round can be told apart. */
  readonly loadAverage: number;
  readonly avro: AvroCodecResult;
  readonly throughput: ThroughputResult;
  readonly latency: LatencyResult;
  readonly ceiling: KafkaCeilingResult;
}

/**
 * Warms up what the first timed run would otherwise pay for: the schema id look-up, kafkajs
 * metadata and connections, the consumer's first fetches, V8's optimisation of the hot paths.
 */
export async function warmUpBackbone(session: BackboneSession, config: BackboneConfig): Promise<void> {
  await measureThroughput(session, 'warmup', { messages: config.warmupMessages, batchSize: config.batchSize, timeoutMs: 120_000 });
}

/**
 * All measurements once, in a fixed order. The orchestrator repeats rounds rather than repeating
 * each measurement back to back, so a noisy minute on the shared machine hits one round of every
 * measurement instead of every run of one, and per-round ratios compare like with like. Later
 * service benchmarks call this between their own rounds for the same reason.
 */
export async function runBackboneRound(session: BackboneSession, config: BackboneConfig, run: number): Promise<BackboneRound> {
  const loadAverage = loadavg()[0] ?? Number.NaN;
  const avro = measureAvroCodec({ iterations: config.avroIterations, warmup: config.avroWarmup, maxMs: 30_000 });
  const throughput = await measureThroughput(session, `throughput-${run}`, {
    messages: config.messages,
    batchSize: config.batchSize,
    timeoutMs: Math.max(120_000, config.messages), // at least 1,000 msg/s or it is a failure, not a number
  });
  if (throughput.mismatches > 0) throw new Error(`run ${run}: ${throughput.mismatches} decoded orders did not match their key`);
  await sleep(config.settleMs);
  const latency = await measureLatency(session, `latency-${run}`, {
    ratePerSec: config.latencyRate,
    durationSec: config.latencySeconds,
    drainTimeoutMs: 60_000,
  });
  await sleep(config.settleMs);
  const ceiling = await measureKafkaCeiling({
    topic: session.perfTopic,
    brokers: session.brokers,
    numRecords: config.perfRecords,
    recordSize: avro.bytes,
    timeoutMs: 300_000,
  });
  await sleep(config.settleMs);
  return { run, loadAverage, avro, throughput, latency, ceiling };
}
