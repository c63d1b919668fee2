// `npm run bench:backbone`: the baseline every service benchmark reports ratios against — avsc
// codec rate, kafkajs throughput and fixed-rate latency through the real registry, and Kafka's own
// Java producer ceiling, each the median of BENCH_RUNS rounds. See bench/README.md.
import { loadavg } from 'node:os';
import { monotonicMs } from '../lib/clock';
import { writeResult } from '../lib/results';
import { ensureStack } from '../lib/stack';
import { formatNumber, formatTable } from '../lib/stats';
import { backboneConfig, type BackboneConfig } from './backbone-config';
import { backboneRows, backboneWarnings, summarizeBackbone } from './backbone-report';
import { runBackboneRound, warmUpBackbone, type BackboneRound } from './backbone-round';
import { openBackboneSession, type BackboneSession } from './backbone-session';

async function main(): Promise<void> {
  const startedAt = monotonicMs();
  const config = backboneConfig();
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  console.log(`backbone: ${config.runs} runs; load average ${loadAtStart.toFixed(2)} on this machine before starting`);
  ensureStack();
  const session = await openBackboneSession();
  console.log(`backbone: namespace ${session.namespace} (topics ${session.ordersTopic}, ${session.perfTopic})`);
  // Ctrl-C or a kill still deletes the topics, group and subject; a second signal exits at once.
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`backbone: ${signal}, cleaning up`);
    process.once(signal, () => process.exit(130));
    void session.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let rounds: BackboneRound[];
  try {
    rounds = await measure(session, config);
  } finally {
    await session.close();
  }
  const summary = summarizeBackbone(rounds);
  const wallSeconds = (monotonicMs() - startedAt) / 1_000;
  const loadAtEnd = loadavg()[0] ?? Number.NaN;
  console.log(`\n${formatTable(backboneRows(summary, config))}\n`);
  for (const warning of backboneWarnings(summary, config)) console.log(`${warning}\n`);
  const file = writeResult('backbone', { config, wallSeconds, loadAverage: { start: loadAtStart, end: loadAtEnd }, summary, rounds });
  console.log(`wall time ${formatNumber(wallSeconds)} s; load average ${loadAtStart.toFixed(2)} -> ${loadAtEnd.toFixed(2)}; written ${file}`);
}

async function measure(session: BackboneSession, config: BackboneConfig): Promise<BackboneRound[]> {
  await warmUpBackbone(session, config);
  const rounds: BackboneRound[] = [];
  for (let run = 1; run <= config.runs; run++) {
    const round = await runBackboneRound(session, config, run);
    rounds.push(round);
    console.log(
      `run ${run}/${config.runs} (load ${round.loadAverage.toFixed(2)}): avro enc ${formatNumber(round.avro.encodeOpsPerSec)} ops/s, ` +
        `kafkajs ${formatNumber(round.throughput.endToEndPerSec)} msg/s e2e (publish ${formatNumber(round.throughput.publishPerSec)}; ` +
        `CPU producer/consumer/machine ${round.throughput.producerCpuCores.toFixed(2)}/${round.throughput.consumerCpuCores.toFixed(2)}/${round.throughput.machineCpuCores.toFixed(2)}), ` +
        `latency p50/p99 ${formatNumber(round.latency.fromSend.p50)}/${formatNumber(round.latency.fromSend.p99)} ms` +
        `${round.latency.backlogged ? ` (backlog of ${round.latency.maxInFlight})` : ''}, single-event publish ${formatNumber(round.latency.singlePublishPerSec)} msg/s, ` +
        `Java ${formatNumber(round.ceiling.recordsPerSec)} rec/s`,
    );
  }
  return rounds;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
