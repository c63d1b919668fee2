// The consumer half of the backbone benchmark, forked by consumer-worker.client.ts. It runs in its
// own process so decoding does not compete with the producer for one event loop: services consume
// and produce in separate processes too, and one shared loop would measure the sum of both costs.
import type { EachBatchPayload } from 'kafkajs';
import { Topics, topicName } from '@crossdock/contracts';
import { AvroSerde, createKafka, readHeaders, createSchemaRegistry } from '@crossdock/messaging';
import { monotonicMs } from '../lib/clock';
import { percentile } from '../lib/stats';
import { BenchHeader, type ConsumerWorkerConfig, type LatencySummary, type ParentMessage, type WorkerMessage } from './consumer-worker.protocol';

interface PhaseState {
  expected?: number;
  received: number;
  valueBytes: number;
  firstDecodedAt: number;
  lastDecodedAt: number;
  mismatches: number;
  cpuAtFirst: NodeJS.CpuUsage;
  fromSend: number[];
  fromSchedule: number[];
}

const config = JSON.parse(process.argv[2] ?? '{}') as ConsumerWorkerConfig;
const phases = new Map<string, PhaseState>();
// Finished phases stay listed so a late duplicate cannot start a phase of the same name again.
const finished = new Set<string>();

function send(message: WorkerMessage): void {
  if (process.connected) process.send?.(message);
}

function stateOf(phase: string): PhaseState {
  let state = phases.get(phase);
  if (!state) {
    state = { received: 0, valueBytes: 0, firstDecodedAt: 0, lastDecodedAt: 0, mismatches: 0, cpuAtFirst: process.cpuUsage(), fromSend: [], fromSchedule: [] };
    phases.set(phase, state);
  }
  return state;
}

function summarize(samples: readonly number[]): LatencySummary | undefined {
  if (samples.length === 0) return undefined;
  return { count: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: Math.max(...samples) };
}

function reportIfComplete(phase: string, state: PhaseState): void {
  if (state.expected === undefined || state.received < state.expected) return;
  phases.delete(phase);
  finished.add(phase);
  const { received, valueBytes, firstDecodedAt, lastDecodedAt, mismatches } = state;
  const cpu = process.cpuUsage(state.cpuAtFirst);
  const consumerCpuMs = (cpu.user + cpu.system) / 1_000;
  const latencyFromSend = summarize(state.fromSend);
  const latencyFromSchedule = summarize(state.fromSchedule);
  send({
    type: 'done',
    report: {
      phase,
      received,
      valueBytes,
      firstDecodedAt,
      lastDecodedAt,
      mismatches,
      consumerCpuMs,
      ...(latencyFromSend ? { latencyFromSend } : {}),
      ...(latencyFromSchedule ? { latencyFromSchedule } : {}),
    },
  });
}

async function main(): Promise<void> {
  // Warnings and errors reach stderr; kafkajs' info chatter would only add noise (and CPU).
  const kafka = createKafka('crossdock-bench-consumer', config.brokers, {
    error: (fields, message) => console.error(`[consumer] kafkajs error: ${message} ${JSON.stringify(fields)}`),
    warn: (fields, message) => console.error(`[consumer] kafkajs warning: ${message} ${JSON.stringify(fields)}`),
    info: () => undefined,
    debug: () => undefined,
  });
  const serde = new AvroSerde(createSchemaRegistry(config.registryUrl), config.namespace);
  const consumer = kafka.consumer({ groupId: config.groupId, allowAutoTopicCreation: false });

  process.on('message', (raw: ParentMessage) => {
    if (raw.type === 'stop') {
      void consumer.disconnect().finally(() => process.exit(0));
      return;
    }
    if (finished.has(raw.phase)) return;
    const state = stateOf(raw.phase);
    state.expected = raw.count;
    send({ type: 'progress', phase: raw.phase, received: state.received });
    reportIfComplete(raw.phase, state);
  });
  // The parent died or closed the channel: never linger as an orphan holding a group membership.
  process.on('disconnect', () => void consumer.disconnect().finally(() => process.exit(0)));

  // Progress once a second, so a timed-out wait in the parent can say how far the consumer got.
  setInterval(() => {
    for (const [phase, state] of phases) if (state.expected !== undefined) send({ type: 'progress', phase, received: state.received });
  }, 1_000).unref();
  consumer.on(consumer.events.GROUP_JOIN, () => send({ type: 'ready' }));
  await consumer.connect();
  // fromBeginning on a fresh group: messages produced right after 'ready' are never skipped.
  await consumer.subscribe({ topics: [topicName(Topics.channelOrders, config.namespace)], fromBeginning: true });
  await consumer.run({ eachBatch: (payload) => handleBatch(serde, payload) });
}

async function handleBatch(serde: AvroSerde, { batch, heartbeat }: EachBatchPayload): Promise<void> {
  for (const message of batch.messages) {
    // The full decode services do: unframe, schema id check (cached), avsc fromBuffer.
    const { value } = await serde.decode(Topics.channelOrders, message.value);
    const decodedAt = monotonicMs();
    const headers = readHeaders(message.headers);
    const phase = headers[BenchHeader.Phase];
    if (phase === undefined || finished.has(phase)) continue;
    const state = stateOf(phase);
    if (state.received === 0) {
      state.firstDecodedAt = decodedAt;
      state.cpuAtFirst = process.cpuUsage();
    }
    state.received++;
    state.lastDecodedAt = decodedAt;
    state.valueBytes += message.value?.length ?? 0;
    if (value.orderId !== message.key?.toString()) state.mismatches++;
    const sentAt = headers[BenchHeader.SentAt];
    if (sentAt !== undefined) state.fromSend.push(decodedAt - Number(sentAt));
    const scheduledAt = headers[BenchHeader.ScheduledAt];
    if (scheduledAt !== undefined) state.fromSchedule.push(decodedAt - Number(scheduledAt));
    reportIfComplete(phase, state);
  }
  await heartbeat();
}

main().catch((error: unknown) => {
  send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
