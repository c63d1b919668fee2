import { cpus } from 'node:os';
import { formatNumber, spreadOf, type Spread } from '../lib/stats';
import type { BackboneConfig } from './backbone-config';
import type { BackboneRound } from './backbone-round';

/**
 * The numbers later benchmarks divide by, each the median (and spread) over the rounds. Stored as
 * `summary` in bench/results/backbone-latest.json; keep the keys stable.
 */
export interface BackboneSummary {
  readonly avroBytes: number;
  readonly avroEncodeOpsPerSec: Spread;
  readonly avroDecodeOpsPerSec: Spread;
  readonly kafkajsPublishPerSec: Spread;
  readonly kafkajsEndToEndPerSec: Spread;
  readonly kafkajsEndToEndMBps: Spread;
  readonly producerCpuCores: Spread;
  readonly consumerCpuCores: Spread;
  readonly machineCpuCores: Spread;
  readonly latencyP50Ms: Spread;
  readonly latencyP95Ms: Spread;
  readonly latencyP99Ms: Spread;
  readonly latencyMaxMs: Spread;
  readonly latencyP99FromScheduleMs: Spread;
  readonly latencyAchievedRatePerSec: Spread;
  readonly latencyMaxInFlight: Spread;
  readonly singlePublishPerSec: Spread;
  /** Rounds whose fixed-rate run fell behind its schedule (see LatencyResult.backlogged). */
  readonly latencyBackloggedRuns: number;
  readonly javaRecordsPerSec: Spread;
  readonly javaMBps: Spread;
  readonly javaAvgLatencyMs: Spread;
  readonly javaMaxLatencyMs: Spread;
  readonly javaP50Ms: Spread;
  readonly javaP95Ms: Spread;
  readonly javaP99Ms: Spread;
  readonly javaP999Ms: Spread;
  /** Per-round kafkajs ÷ Java ratios (paired within a round, so a slow minute affects both sides). */
  readonly ratioEndToEndToJava: Spread;
  readonly ratioPublishToJava: Spread;
}

export function summarizeBackbone(rounds: readonly BackboneRound[]): BackboneSummary {
  const of = (pick: (round: BackboneRound) => number) => spreadOf(rounds, pick);
  return {
    avroBytes: rounds[0]?.avro.bytes ?? Number.NaN,
    avroEncodeOpsPerSec: of((r) => r.avro.encodeOpsPerSec),
    avroDecodeOpsPerSec: of((r) => r.avro.decodeOpsPerSec),
    kafkajsPublishPerSec: of((r) => r.throughput.publishPerSec),
    kafkajsEndToEndPerSec: of((r) => r.throughput.endToEndPerSec),
    kafkajsEndToEndMBps: of((r) => r.throughput.endToEndMBps),
    producerCpuCores: of((r) => r.throughput.producerCpuCores),
    consumerCpuCores: of((r) => r.throughput.consumerCpuCores),
    machineCpuCores: of((r) => r.throughput.machineCpuCores),
    latencyP50Ms: of((r) => r.latency.fromSend.p50),
    latencyP95Ms: of((r) => r.latency.fromSend.p95),
    latencyP99Ms: of((r) => r.latency.fromSend.p99),
    latencyMaxMs: of((r) => r.latency.fromSend.max),
    latencyP99FromScheduleMs: of((r) => r.latency.fromSchedule.p99),
    latencyAchievedRatePerSec: of((r) => r.latency.achievedRatePerSec),
    latencyMaxInFlight: of((r) => r.latency.maxInFlight),
    singlePublishPerSec: of((r) => r.latency.singlePublishPerSec),
    latencyBackloggedRuns: rounds.filter((r) => r.latency.backlogged).length,
    javaRecordsPerSec: of((r) => r.ceiling.recordsPerSec),
    javaMBps: of((r) => r.ceiling.mbPerSec),
    javaAvgLatencyMs: of((r) => r.ceiling.avgLatencyMs),
    javaMaxLatencyMs: of((r) => r.ceiling.maxLatencyMs),
    javaP50Ms: of((r) => r.ceiling.p50Ms),
    javaP95Ms: of((r) => r.ceiling.p95Ms),
    javaP99Ms: of((r) => r.ceiling.p99Ms),
    javaP999Ms: of((r) => r.ceiling.p999Ms),
    ratioEndToEndToJava: of((r) => r.throughput.endToEndPerSec / r.ceiling.recordsPerSec),
    ratioPublishToJava: of((r) => r.throughput.publishPerSec / r.ceiling.recordsPerSec),
  };
}

export function backboneRows(summary: BackboneSummary, config: BackboneConfig): Array<Record<string, string | number>> {
  const size = `${summary.avroBytes} B`;
  const rate = `@${formatNumber(config.latencyRate)} msg/s x ${config.latencySeconds} s`;
  const row = (measurement: string, value: Spread, unit: string) => ({
    measurement,
    median: formatNumber(value.median),
    'min–max': `${formatNumber(value.min)} – ${formatNumber(value.max)}`,
    unit,
    runs: value.runs,
  });
  return [
    row(`avsc toBuffer, ChannelOrder (${size})`, summary.avroEncodeOpsPerSec, 'ops/s'),
    row(`avsc fromBuffer, ChannelOrder (${size})`, summary.avroDecodeOpsPerSec, 'ops/s'),
    row(`kafkajs publishMany x${config.batchSize}, acked (${formatNumber(config.messages)} msgs)`, summary.kafkajsPublishPerSec, 'msg/s'),
    row('kafkajs produce->consume, Avro, decoded', summary.kafkajsEndToEndPerSec, 'msg/s'),
    row('kafkajs produce->consume, Avro values', summary.kafkajsEndToEndMBps, 'MB/s'),
    row('  CPU of producer process while publishing', summary.producerCpuCores, 'cores'),
    row('  CPU of consumer process while consuming', summary.consumerCpuCores, 'cores'),
    row(`  CPU of whole machine (${cpus().length} cores)`, summary.machineCpuCores, 'cores'),
    row(`e2e latency p50 ${rate}`, summary.latencyP50Ms, 'ms'),
    row(`e2e latency p95 ${rate}`, summary.latencyP95Ms, 'ms'),
    row(`e2e latency p99 ${rate}`, summary.latencyP99Ms, 'ms'),
    row(`e2e latency max ${rate}`, summary.latencyMaxMs, 'ms'),
    row('e2e latency p99 from schedule (incl. sender lag)', summary.latencyP99FromScheduleMs, 'ms'),
    row('latency run: achieved send rate', summary.latencyAchievedRatePerSec, 'msg/s'),
    row('latency run: max publishes in flight', summary.latencyMaxInFlight, 'count'),
    row('kafkajs publish, 1 event per call, awaited', summary.singlePublishPerSec, 'msg/s'),
    row(`Java ProducerPerformance (${formatNumber(config.perfRecords)} x ${size})`, summary.javaRecordsPerSec, 'records/s'),
    row('Java ProducerPerformance', summary.javaMBps, 'MB/s'),
    row('Java ProducerPerformance latency avg', summary.javaAvgLatencyMs, 'ms'),
    row('Java ProducerPerformance latency p50', summary.javaP50Ms, 'ms'),
    row('Java ProducerPerformance latency p95', summary.javaP95Ms, 'ms'),
    row('Java ProducerPerformance latency p99', summary.javaP99Ms, 'ms'),
    row('Java ProducerPerformance latency p99.9', summary.javaP999Ms, 'ms'),
    row('Java ProducerPerformance latency max', summary.javaMaxLatencyMs, 'ms'),
    row('ratio kafkajs produce->consume / Java ceiling', summary.ratioEndToEndToJava, 'x'),
    row('ratio kafkajs publish (acked) / Java ceiling', summary.ratioPublishToJava, 'x'),
  ];
}

/** Caveats the table alone would hide; printed under it. */
export function backboneWarnings(summary: BackboneSummary, config: BackboneConfig): string[] {
  const warnings: string[] = [];
  const capacity = summary.singlePublishPerSec.median;
  if (config.latencyRate >= capacity) {
    warnings.push(
      `WARNING: the latency rate (${config.latencyRate} msg/s) is at or above the single-event publish capacity measured just before ` +
        `(median ${formatNumber(capacity)} msg/s): the producer is saturated and the latency rows measure its growing queue, not transport ` +
        `latency. Set BENCH_LATENCY_RATE well below that capacity for a below-saturation baseline.`,
    );
  } else if (summary.latencyBackloggedRuns > 0) {
    warnings.push(
      `WARNING: ${summary.latencyBackloggedRuns} of ${summary.latencyP50Ms.runs} latency runs fell more than 100 ms behind their schedule ` +
        `although ${config.latencyRate} msg/s is below the single-event publish capacity (median ${formatNumber(capacity)} msg/s): ` +
        `stalls (machine load, GC) queued sends, and the high percentiles include that queueing.`,
    );
  }
  if (summary.machineCpuCores.median > 0.9 * cpus().length) {
    warnings.push(
      `WARNING: the machine's CPUs were ${Math.round((summary.machineCpuCores.median / cpus().length) * 100)}% busy during the throughput runs ` +
        `(producer process ${formatNumber(summary.producerCpuCores.median)} cores, consumer ${formatNumber(summary.consumerCpuCores.median)}): ` +
        `the numbers are bounded by the shared machine, not by the producer's event loop.`,
    );
  }
  return warnings;
}
