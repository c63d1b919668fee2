import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConsumerLagSampler } from '../hub/consumer-lag.sampler';
import { HUB_SERVICES } from '../hub/hub-config';
import type { Hub } from '../hub/hub.launcher';
import { carryOverReservedStock } from './carry-over.stock';
import type { BadInputResult, DayFacts } from './day-facts';
import type { DemoConfig } from './demo-config';
import { phaseAt, type DayScript, type PhaseName } from './day-script';
import { finalOutcomes, summarizeDay, unsettledOrders, type Invariant } from './day-summary';
import type { FactsRecorder } from './facts.recorder';
import { JaegerWatch } from './jaeger.watch';
import { progressLine } from './progress';
import { shippingInFlight, summarizeShipping, type ShippingWorld } from './shipments.settle';
import { reuseTrackingNumber } from './tracking-reuse';
import { formatSummary } from './summary.format';
import { findTraceInJaeger, reportTrace } from './trace.report';
import type { BadProbe, TrafficDriver } from './traffic.driver';

export interface DayRun {
  readonly config: DemoConfig;
  readonly script: DayScript;
  readonly hub: Hub;
  readonly recorder: FactsRecorder;
  readonly driver: TrafficDriver;
  readonly log: (line: string) => void;
  readonly jaegerUrl: string;
  /** The jaeger line of `stack.sh status` (why Jaeger is not there), or null when the stack is not the demo's. */
  readonly stackJaegerLine: () => string | null;
  readonly began: number;
  readonly skus: readonly string[];
  /** Instances are killed and restarted during the day (a chaos run): their metrics do not cover it. */
  readonly instancesRestart?: boolean;
  /** Told when the traffic starts (a chaos run times its faults from it). */
  readonly onTrafficStart?: (startedAt: number) => void;
}

/** How the day went: every invariant, and the facts they were judged on. */
export interface DayResult {
  readonly passed: boolean;
  readonly invariants: readonly Invariant[];
  readonly facts: DayFacts;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Plays the day, waits for every order to settle, prints the summary; `passed` = every invariant held. */
export async function runDay(run: DayRun): Promise<DayResult> {
  const { hub, recorder, driver, log } = run;
  const erp = hub.simulators.erpOrders?.erp;
  const erpStock = hub.simulators.erpFeed?.erp;
  const wms = hub.simulators.wmsFeed;
  if (!erp || !erpStock || !wms) throw new Error('the demo needs the ERP and WMS simulators');
  const lag = new ConsumerLagSampler(
    recorder.kafka,
    HUB_SERVICES.map((service) => `${recorder.namespace}${service}`),
    0,
  );
  await lag.start();
  const shipping: ShippingWorld = {
    servicesLag: () => lag.lagByGroup(),
    recorder,
    shipmentEventsUrl: hub.baseUrl('shipment-events'),
    thirdParty: hub.simulators.thirdParty,
    wms,
    carrier: hub.simulators.carrier,
    erp,
    since: recorder.since,
  };
  const orderIngest = hub.baseUrl('order-ingest');
  const carried = await carryOverReservedStock(hub.baseUrl('availability'), erpStock, run.skus);
  if (carried > 0) log(`[demo] ${carried} units are still reserved for earlier runs' unshipped orders: added back to the simulated ERP's on-hand`);
  await recorder.start();
  await waitUntil(() => recorder.positions.length > 0, 30_000);

  let peakQueue = 0;
  let lastQueue: number | null = null;
  const sampleQueue = async () => {
    try {
      const body = (await (await fetch(`${orderIngest}/erp-queue`)).json()) as { depth?: unknown };
      // An instance restarting (a chaos run) answers without a depth: that sample is unknown.
      lastQueue = typeof body.depth === 'number' ? body.depth : null;
      if (lastQueue !== null) peakQueue = Math.max(peakQueue, lastQueue);
    } catch {
      lastQueue = null;
    }
  };
  // Spans exported while Jaeger is not up (still being built on a first run) are dropped.
  const jaeger = new JaegerWatch(run.jaegerUrl);
  await jaeger.start();
  const startedAt = Date.now();
  let phase: PhaseName | 'settling' = 'steady';
  const snapshot = () => {
    const final = finalOutcomes(recorder.outcomes);
    const count = (kind: string) => [...final.values()].filter((o) => o.kind === kind).length;
    return progressLine({
      elapsedMs: Date.now() - startedAt,
      phase,
      sent: driver.ledger.sentByChannel,
      onKafka: new Set(recorder.channelOrders.map((o) => o.orderId)).size,
      accepted: count('ACCEPTED'),
      held: count('HELD'),
      rejected: count('REJECTED'),
      erpDown: erp.isDown(),
      erpQueueDepth: lastQueue,
      erpBooks: erp.orders().length,
      publications: recorder.availability.length,
      stockMoves: driver.ledger.stockMoves,
    });
  };
  const sampler = setInterval(() => void sampleQueue(), 1000);
  // Half-way through the day, one carton leaves with a tracking number another order's carton already has.
  let reused: string | null = null;
  const reuser = setInterval(() => {
    if (Date.now() - startedAt < run.config.durationMs / 2 || reused !== null) return;
    reused = reuseTrackingNumber(wms);
    if (reused !== null) log(`[demo] the WMS labels its next carton with tracking number ${reused} again (a carrier reusing a number)`);
  }, 1000);
  const progress = setInterval(() => {
    phase = Date.now() - startedAt < run.config.durationMs ? phaseAt(run.script, Date.now() - startedAt) : 'settling';
    log(`[demo] ${snapshot()}`);
  }, run.config.progressEveryMs);
  try {
    log('[demo] traffic starts');
    run.onTrafficStart?.(startedAt);
    await driver.run(startedAt, () => false);
    phase = 'settling';
    log(`[demo] traffic done after ${Math.round((Date.now() - startedAt) / 1000)} s; waiting for every order to settle`);
    const settled = await waitUntil(
      () => unsettledOrders({ sent: driver.ledger.sent, channelOrders: recorder.channelOrders, outcomes: recorder.outcomes }).length === 0 && lastQueue === 0,
      run.config.settleTimeoutMs,
    );
    if (!settled) log(`[demo] not every order settled within ${run.config.settleTimeoutMs / 1000} s`);
    const shipped = await waitUntilShipped(shipping, run.config.settleTimeoutMs, log);
    if (!shipped) log(`[demo] the shipping day did not settle within ${run.config.settleTimeoutMs / 1000} s`);
    await sleep(3000); // the last availability publications (coalescing window) and reservations
    await sampleQueue();
    // The facts are judged as they stand on Kafka now, so the recorder must have read all of it.
    if (!(await recorder.caughtUp(run.config.settleTimeoutMs)))
      log('[demo] the facts recorder did not catch up with the topics; the invariants judge what it read');
  } finally {
    clearInterval(reuser);
    clearInterval(sampler);
    clearInterval(progress);
  }

  const ordersMetric = await hub.supervisor.metricTotal('order-ingest', 'crossdock_order_ingest_duplicates_suppressed_total');
  const facts: DayFacts = {
    startedAt,
    outage: outageWindow(run.script, startedAt),
    sent: driver.ledger.sent,
    duplicatesSent: driver.ledger.duplicatesSent,
    bad: driver.ledger.bad.map((probe) => judgeBadInput(probe, run, recorder)),
    stockMoves: driver.ledger.stockMoves,
    channelOrders: recorder.channelOrders,
    outcomes: recorder.outcomes,
    erpBooks: erp.orders().map((o) => ({ externalId: o.externalId, erpOrderNumber: o.erpOrderNumber, duplicateSubmissions: o.duplicateSubmissions })),
    availability: recorder.availability,
    reservations: recorder.reservations,
    positions: recorder.positions,
    goodsIssues: erp.goodsIssues().flatMap((issue) =>
      issue.lines.map((line) => ({
        orderId: issue.externalId,
        lineId: line.lineId,
        sku: line.sku,
        locationId: line.locationId,
        quantity: line.quantity,
        postedAt: issue.postedAt,
      })),
    ),
    shortages: recorder.shortages,
    deadLetters: recorder.deadLetters,
    duplicatesSuppressed: run.instancesRestart ? null : Number.isNaN(ordersMetric) ? 0 : ordersMetric,
    instancesRestarted: run.instancesRestart ?? false,
    peakErpQueueDepth: peakQueue,
  };
  const shipments = await summarizeShipping(shipping);
  await lag.stop();
  await recorder.stop();
  const summary = summarizeDay(facts);
  const trace = await reportTrace({
    facts,
    availability: await jaeger.stop(),
    jaegerUrl: run.jaegerUrl,
    stackJaegerLine: run.stackJaegerLine,
    findTrace: (traceId) => findTraceInJaeger(run.jaegerUrl, traceId),
  });
  for (const failure of driver.ledger.failures.slice(0, 10)) log(`[demo] traffic problem: ${failure}`);
  log(formatSummary(summary, shipments, { jaegerUrl: run.jaegerUrl, trace, elapsedMs: Date.now() - run.began }));
  const invariants = [...summary.invariants, ...shipments.invariants];
  return { passed: invariants.every((i) => i.ok) && driver.ledger.failures.length === 0, invariants, facts };
}

function outageWindow(script: DayScript, startedAt: number): { from: number; to: number } {
  const phase = script.phases.find((p) => p.name === 'erp-outage');
  return { from: startedAt + (phase?.fromMs ?? 0), to: startedAt + (phase?.toMs ?? 0) };
}

function judgeBadInput(probe: BadProbe, run: DayRun, recorder: FactsRecorder): BadInputResult {
  switch (probe.input) {
    case 'bad-signature':
      return { input: probe.input, observed: `HTTP ${probe.httpStatus}`, asPromised: probe.httpStatus === 401 };
    case 'malformed-payload':
      return { input: probe.input, observed: `HTTP ${probe.httpStatus}`, asPromised: probe.httpStatus === 400 || probe.httpStatus === 422 };
    case 'unmapped-item': {
      const order = recorder.channelOrders.find((o) => o.channelOrderId === probe.channelOrderId);
      const outcome = order ? finalOutcomes(recorder.outcomes).get(order.orderId) : undefined;
      const observed = outcome ? `${outcome.kind} ${outcome.reasons.join(',')}` : `HTTP ${probe.httpStatus}, no outcome`;
      return { input: probe.input, observed, asPromised: outcome?.kind === 'HELD' && outcome.reasons.includes('ITEM_UNMAPPED') };
    }
    case 'bad-edi-file': {
      const rejected = join(run.hub.endpoints.ediInboxDir, 'rejected', probe.fileName ?? '');
      const withReason = existsSync(rejected) && existsSync(`${rejected}.reason.json`);
      return { input: probe.input, observed: withReason ? 'rejected/ + reason' : 'not in rejected/', asPromised: withReason };
    }
  }
}

/** Waits until nothing of the shipping day is in flight, saying what still is every 10 s. */
async function waitUntilShipped(world: ShippingWorld, timeoutMs: number, log: (line: string) => void): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let said = Date.now();
  for (;;) {
    let inFlight = await shippingInFlight(world);
    // Nothing in flight as far as the recorder has read: read everything written so far and look again.
    if (inFlight.length === 0 && (await world.recorder.caughtUp(Math.max(1000, deadline - Date.now())))) inFlight = await shippingInFlight(world);
    if (inFlight.length === 0) return true;
    if (Date.now() >= deadline) {
      log(`[demo] still in flight: ${inFlight.join(', ')}`);
      return false;
    }
    if (Date.now() - said >= 10_000) {
      log(`[demo] shipping: ${inFlight.join(', ')}`);
      said = Date.now();
    }
    await sleep(1000);
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await sleep(500);
  }
  return condition();
}
