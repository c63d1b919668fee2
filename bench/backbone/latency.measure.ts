import { Topics } from '@crossdock/contracts';
import { monotonicMs, withTimeout } from '../lib/clock';
import type { BackboneSession } from './backbone-session';
import { BenchHeader, type LatencySummary } from './consumer-worker.protocol';
import { orderEvents } from './order-events';

export interface LatencyOptions {
  readonly ratePerSec: number;
  readonly durationSec: number;
  /** Bound on waiting for the last message after the schedule ended. */
  readonly drainTimeoutMs: number;
}

export interface LatencyResult {
  readonly sent: number;
  /** Sends actually achieved over the schedule; well below ratePerSec means the sender could not keep up. */
  readonly achievedRatePerSec: number;
  /** Most publishes awaiting their ack at once: a backlog means the producer fell behind the schedule. */
  readonly maxInFlight: number;
  /**
   * More than 100 ms worth of sends waited for acks at some point: the producer fell behind, either
   * for good (rate at or above singlePublishPerSec: saturated) or during a stall (GC, a CPU-starved
   * broker). Either way the high percentiles include that queueing.
   */
  readonly backlogged: boolean;
  /** Closed-loop single-event publishes per second just before (1 / ack round trip): where saturation starts. */
  readonly singlePublishPerSec: number;
  /** Consumer's decode time minus the publish() call time. */
  readonly fromSend: LatencySummary;
  /** Consumer's decode time minus the time the schedule intended: includes the sender's lag. */
  readonly fromSchedule: LatencySummary;
}

/**
 * Open-loop fixed rate: event i is due at start + i/rate and is published on its own (one
 * publish() call, one produce request), without waiting for earlier acks, as a service reacting to
 * one webhook at a time does. A timer wakes up when the next event is due and sends every event
 * that is due by then, so a late timer or a GC pause shows up in the latency (fromSchedule) rather
 * than silently lowering the rate.
 */
export async function measureLatency(session: BackboneSession, phase: string, options: LatencyOptions): Promise<LatencyResult> {
  const singlePublishPerSec = await measureSinglePublishRate(session, { messages: 500, maxMs: 5_000 });
  const total = Math.round(options.ratePerSec * options.durationSec);
  const intervalMs = 1_000 / options.ratePerSec;
  const events = orderEvents(0, total, () => ({}));
  const acks: Promise<unknown>[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let failure: unknown;
  const startAt = monotonicMs() + 10;
  let next = 0;
  let lastSentAt = startAt;

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = monotonicMs();
      while (next < total && startAt + next * intervalMs <= now && failure === undefined) {
        const event = events[next] as (typeof events)[number];
        const scheduledAt = startAt + next * intervalMs;
        lastSentAt = monotonicMs();
        const headers = { [BenchHeader.Phase]: phase, [BenchHeader.ScheduledAt]: scheduledAt.toFixed(3), [BenchHeader.SentAt]: lastSentAt.toFixed(3) };
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        acks.push(
          session.publisher
            .publish(Topics.channelOrders, event.key, event.value, { headers })
            .catch((error: unknown) => (failure ??= error))
            .finally(() => inFlight--),
        );
        next++;
      }
      // Time-bounded too: a sender that falls a whole duration behind stops instead of running on.
      const overrun = now - startAt > options.durationSec * 2_000;
      if (next >= total || failure !== undefined || overrun) return resolve();
      setTimeout(tick, Math.max(0, startAt + next * intervalMs - monotonicMs()));
    };
    setTimeout(tick, Math.max(0, startAt - monotonicMs()));
  });
  // The producer retries forever (createIdempotentProducer), so waiting for acks needs its own bound.
  await withTimeout(Promise.all(acks), options.drainTimeoutMs, () => `${phase}: ${inFlight} of ${next} publishes not acked`);
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
  const report = await session.consumer.awaitPhase(phase, next, options.drainTimeoutMs);
  if (!report.latencyFromSend || !report.latencyFromSchedule) throw new Error(`${phase}: consumer reported no latencies`);
  return {
    sent: next,
    achievedRatePerSec: next <= 1 ? 0 : ((next - 1) / (lastSentAt - startAt)) * 1_000,
    maxInFlight,
    backlogged: maxInFlight > options.ratePerSec / 10,
    singlePublishPerSec,
    fromSend: report.latencyFromSend,
    fromSchedule: report.latencyFromSchedule,
  };
}

/**
 * One event per publish(), each awaited before the next: the producer's ack round trip. The idempotent
 * producer keeps one request in flight per broker and kafkajs sends every publish() as its own
 * request, so this is also the highest fixed rate the latency measurement can sustain.
 * The events carry no phase header, so the consumer decodes and then ignores them.
 */
export async function measureSinglePublishRate(session: BackboneSession, options: { messages: number; maxMs: number }): Promise<number> {
  const events = orderEvents(0, options.messages, () => ({}));
  const startedAt = monotonicMs();
  let sent = 0;
  for (const event of events) {
    await withTimeout(session.publisher.publish(Topics.channelOrders, event.key, event.value), options.maxMs, () => 'single-event publish not acked');
    sent++;
    if (monotonicMs() - startedAt > options.maxMs) break;
  }
  return (sent / (monotonicMs() - startedAt)) * 1_000;
}
