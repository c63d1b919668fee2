import { noReservationBeyondStock } from './reservation-stock.replay';
import type { AvailabilityFact, DayFacts, DeadLetterFact, OutcomeFact, SentOrder } from './day-facts';

export interface Invariant {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DaySummary {
  readonly received: number;
  readonly byChannel: Readonly<Record<string, number>>;
  readonly accepted: number;
  readonly held: number;
  readonly rejected: number;
  readonly cancelled: number;
  readonly heldReasons: Readonly<Record<string, number>>;
  /** Final outcome counts per channel, e.g. { edi: { ACCEPTED: 3, HELD: 1 } }. */
  readonly outcomesByChannel: Readonly<Record<string, Readonly<Record<string, number>>>>;
  readonly queuedDuringOutage: number;
  readonly drainedAfterOutage: number;
  readonly duplicatesSent: number;
  readonly duplicatesSuppressed: number | null;
  readonly availabilityPublications: number;
  readonly reservations: number;
  readonly shortages: number;
  readonly orderLatencyMs: { readonly p50: number; readonly p99: number; readonly count: number };
  readonly orderLatencyOutsideOutageMs: { readonly p50: number; readonly p99: number; readonly count: number };
  readonly publicationDelayMs: { readonly p50: number; readonly p99: number; readonly count: number };
  readonly peakErpQueueDepth: number;
  readonly erpOrders: number;
  readonly invariants: readonly Invariant[];
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; NaN when there are none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

function spread(values: readonly number[]) {
  return { p50: percentile(values, 50), p99: percentile(values, 99), count: values.length };
}

const orderKey = (channelAccountId: string, channelOrderId: string) => `${channelAccountId}|${channelOrderId}`;

/** The outcome that stands for each order: the highest outcomeSequence (a later acceptance supersedes an ERP_UNAVAILABLE hold). */
export function finalOutcomes(outcomes: readonly OutcomeFact[]): Map<string, OutcomeFact> {
  const final = new Map<string, OutcomeFact>();
  for (const outcome of outcomes) {
    const current = final.get(outcome.orderId);
    if (!current || outcome.outcomeSequence > current.outcomeSequence) final.set(outcome.orderId, outcome);
  }
  return final;
}

/** Orders the demo sent that have not reached a final outcome yet (a hold for ERP_UNAVAILABLE is not final). */
export function unsettledOrders(facts: Pick<DayFacts, 'sent' | 'channelOrders' | 'outcomes'>): SentOrder[] {
  const orderIds = new Map(facts.channelOrders.map((o) => [orderKey(o.channelAccountId, o.channelOrderId), o.orderId]));
  const final = finalOutcomes(facts.outcomes);
  return facts.sent.filter((sent) => {
    const orderId = orderIds.get(orderKey(sent.channelAccountId, sent.channelOrderId));
    const outcome = orderId === undefined ? undefined : final.get(orderId);
    return outcome === undefined || (outcome.kind === 'HELD' && outcome.reasons.includes('ERP_UNAVAILABLE'));
  });
}

/**
 * The trace of an accepted order sent at or after `sentFrom` (when Jaeger began keeping traces), a
 * web-store order if there is one: its trace starts at the webhook and runs through order-ingest.
 */
export function tracedOrderId(facts: Pick<DayFacts, 'sent' | 'channelOrders' | 'outcomes'>, sentFrom = Number.NEGATIVE_INFINITY): string | null {
  const byKey = new Map(facts.channelOrders.map((o) => [orderKey(o.channelAccountId, o.channelOrderId), o]));
  const final = finalOutcomes(facts.outcomes);
  return (
    facts.sent
      .filter((sent) => sent.sentAt >= sentFrom)
      // The latest web-store order: Jaeger's in-memory store keeps the newest traces when it must drop some.
      .sort((a, b) => Number(b.channel === 'shopify') - Number(a.channel === 'shopify') || b.sentAt - a.sentAt)
      .map((sent) => byKey.get(orderKey(sent.channelAccountId, sent.channelOrderId)))
      .find((order) => order?.traceId && final.get(order.orderId)?.kind === 'ACCEPTED')?.traceId ?? null
  );
}

/** The summary numbers and the invariants of a demo day, from its facts alone. */
export function summarizeDay(facts: DayFacts): DaySummary {
  const byKey = new Map(facts.channelOrders.map((o) => [orderKey(o.channelAccountId, o.channelOrderId), o]));
  const orderIds = new Set(facts.channelOrders.map((o) => o.orderId));
  const final = finalOutcomes(facts.outcomes.filter((o) => orderIds.has(o.orderId)));
  const count = (kind: OutcomeFact['kind']) => [...final.values()].filter((o) => o.kind === kind).length;
  const heldReasons: Record<string, number> = {};
  for (const o of final.values()) if (o.kind === 'HELD') for (const r of new Set(o.reasons)) heldReasons[r] = (heldReasons[r] ?? 0) + 1;
  const byChannel: Record<string, number> = {};
  const outcomesByChannel: Record<string, Record<string, number>> = {};
  for (const s of facts.sent) {
    byChannel[s.channel] = (byChannel[s.channel] ?? 0) + 1;
    const order = byKey.get(orderKey(s.channelAccountId, s.channelOrderId));
    const kind = (order && final.get(order.orderId)?.kind) ?? 'NONE';
    const counts = (outcomesByChannel[s.channel] ??= {});
    counts[kind] = (counts[kind] ?? 0) + 1;
  }

  const firstAccepted = new Map<string, OutcomeFact>();
  for (const o of facts.outcomes) if (o.kind === 'ACCEPTED' && !firstAccepted.has(o.orderId)) firstAccepted.set(o.orderId, o);
  const latencies: number[] = [];
  const latenciesOutside: number[] = [];
  let queuedDuringOutage = 0;
  let drained = 0;
  for (const sent of facts.sent) {
    const order = byKey.get(orderKey(sent.channelAccountId, sent.channelOrderId));
    const accepted = order ? firstAccepted.get(order.orderId) : undefined;
    const duringOutage = sent.sentAt >= facts.outage.from && sent.sentAt < facts.outage.to;
    if (duringOutage) queuedDuringOutage++;
    if (!accepted) continue;
    latencies.push(accepted.at - sent.sentAt);
    if (duringOutage) drained++;
    else latenciesOutside.push(accepted.at - sent.sentAt);
  }
  return {
    received: facts.sent.length,
    byChannel,
    accepted: count('ACCEPTED'),
    held: count('HELD'),
    rejected: count('REJECTED'),
    cancelled: count('CANCELLED'),
    heldReasons,
    outcomesByChannel,
    queuedDuringOutage,
    drainedAfterOutage: drained,
    duplicatesSent: facts.duplicatesSent,
    duplicatesSuppressed: facts.duplicatesSuppressed,
    availabilityPublications: facts.availability.length,
    reservations: new Set(facts.reservations.filter((r) => r.at >= facts.startedAt).map((r) => r.reservationId)).size,
    shortages: facts.shortages,
    orderLatencyMs: spread(latencies),
    orderLatencyOutsideOutageMs: spread(latenciesOutside),
    publicationDelayMs: spread(publicationDelays(facts)),
    peakErpQueueDepth: facts.peakErpQueueDepth,
    erpOrders: facts.erpBooks.length,
    invariants: [
      everyOrderAccountedFor(facts, byKey, final),
      exactlyOneErpOrderPerAcceptance(facts, final),
      noReservationBeyondStock(facts),
      badInputHandledAsPromised(facts),
      duplicatesHadNoEffect(facts),
      noOutcomeLost(facts),
      nothingValidDeadLettered(facts),
    ],
  };
}

/** Each order the channels sent reached Kafka and ended accepted, held, rejected or cancelled. */
export function everyOrderAccountedFor(facts: DayFacts, byKey: ReadonlyMap<string, { orderId: string }>, final: ReadonlyMap<string, OutcomeFact>): Invariant {
  const missing = facts.sent.filter((s) => !byKey.has(orderKey(s.channelAccountId, s.channelOrderId)));
  const open = facts.sent.filter((s) => {
    const order = byKey.get(orderKey(s.channelAccountId, s.channelOrderId));
    return order !== undefined && !final.has(order.orderId);
  });
  const ok = facts.sent.length > 0 && missing.length === 0 && open.length === 0;
  const examples = [...missing, ...open].slice(0, 3).map((s) => `${s.channelAccountId}/${s.channelOrderId}`);
  return {
    name: 'every channel order accounted for',
    ok,
    detail: ok
      ? `${facts.sent.length} sent = ${facts.sent.length} with a final outcome`
      : `${facts.sent.length} sent, ${missing.length} never published, ${open.length} without an outcome${examples.length ? ` (e.g. ${examples.join(', ')})` : ''}`,
  };
}

/** The ERP's books: one order per accepted channel order, none for anything else, no second submission. */
export function exactlyOneErpOrderPerAcceptance(facts: DayFacts, final: ReadonlyMap<string, OutcomeFact>): Invariant {
  const accepted = [...final.values()].filter((o) => o.kind === 'ACCEPTED');
  const books = new Map<string, number>();
  for (const entry of facts.erpBooks) books.set(entry.externalId, (books.get(entry.externalId) ?? 0) + 1);
  const acceptedIds = new Set(accepted.map((o) => o.orderId));
  const notBooked = accepted.filter((o) => (books.get(o.orderId) ?? 0) !== 1);
  const bookedTwice = [...books.values()].filter((n) => n > 1).length;
  const mine = facts.erpBooks.filter((e) => acceptedIds.has(e.externalId) || facts.channelOrders.some((c) => c.orderId === e.externalId));
  const unexpected = mine.filter((e) => !acceptedIds.has(e.externalId)).length;
  const resubmitted = mine.filter((e) => e.duplicateSubmissions > 0).length;
  const wrongNumber = accepted.filter((o) => {
    const entry = facts.erpBooks.find((e) => e.externalId === o.orderId);
    return entry !== undefined && o.erpOrderNumber !== entry.erpOrderNumber;
  }).length;
  const ok = notBooked.length === 0 && bookedTwice === 0 && unexpected === 0 && (resubmitted === 0 || facts.instancesRestarted) && wrongNumber === 0;
  return {
    name: 'exactly one ERP order per accepted order',
    ok,
    detail: `${accepted.length} accepted, ${mine.length} ERP orders; not booked ${notBooked.length}, booked twice ${bookedTwice}, booked but not accepted ${unexpected}, duplicate submissions ${resubmitted}${facts.instancesRestarted ? ' (allowed: instances were killed mid-call)' : ''}, number mismatch ${wrongNumber}`,
  };
}

/**
 * Inventory publication delay: from a stock change in the ERP (the position's asOf) to the next
 * availability publication of that SKU for each channel account, when that publication shows the
 * new on-hand at the location (the fastest channel counts). A change that moved no channel's
 * figure is not published at all, so it is not counted. Only changes made during the run count.
 */
export function publicationDelays(facts: Pick<DayFacts, 'positions' | 'availability' | 'startedAt'>): number[] {
  const byKey = new Map<string, AvailabilityFact[]>();
  for (const a of facts.availability) byKey.set(`${a.sku}|${a.channelAccountId}`, [...(byKey.get(`${a.sku}|${a.channelAccountId}`) ?? []), a]);
  for (const list of byKey.values()) list.sort((x, y) => x.at - y.at);
  const accounts = [...new Set(facts.availability.map((a) => a.channelAccountId))];
  const delays: number[] = [];
  for (const p of facts.positions) {
    if (p.source !== 'ERP' || p.asOf < facts.startedAt) continue;
    const shown = accounts
      .map((account) => byKey.get(`${p.sku}|${account}`)?.find((a) => a.at >= p.at))
      .filter((a): a is AvailabilityFact => a !== undefined && a.onHandAt[p.locationId] === p.onHand)
      .map((a) => a.at);
    if (shown.length > 0) delays.push(Math.min(...shown) - p.asOf);
  }
  return delays;
}

export function badInputHandledAsPromised(facts: Pick<DayFacts, 'bad'>): Invariant {
  const wrong = facts.bad.filter((b) => !b.asPromised);
  return {
    name: 'bad input refused or held, never lost',
    ok: facts.bad.length > 0 && wrong.length === 0,
    detail:
      wrong.length === 0
        ? `${facts.bad.length} bad inputs: ${[...new Set(facts.bad.map((b) => `${b.input} -> ${b.observed}`))].join(', ')}`
        : wrong.map((b) => `${b.input}: ${b.observed}`).join('; '),
  };
}

/** Every duplicate delivery reached order-ingest and was suppressed there (the ERP check covers its effect). */
export function duplicatesHadNoEffect(facts: Pick<DayFacts, 'channelOrders' | 'duplicatesSuppressed' | 'duplicatesSent' | 'outcomes'>): Invariant {
  const perEvent = new Map<string, number>();
  for (const o of facts.channelOrders) perEvent.set(o.eventId, (perEvent.get(o.eventId) ?? 0) + 1);
  const repeated = [...perEvent.values()].reduce((sum, n) => sum + n - 1, 0);
  // A repeated event that was acted on twice shows as two different outcomes under one sequence number.
  const kinds = new Map<string, Set<string>>();
  for (const o of facts.outcomes) {
    const key = `${o.orderId}#${o.outcomeSequence}`;
    kinds.set(key, (kinds.get(key) ?? new Set()).add(`${o.kind}:${o.erpOrderNumber ?? ''}`));
  }
  const doubled = [...kinds.values()].filter((k) => k.size > 1).length;
  const suppressedAll = facts.duplicatesSuppressed === null || facts.duplicatesSuppressed >= repeated;
  const ok = repeated >= facts.duplicatesSent && doubled === 0 && suppressedAll;
  const suppressed =
    facts.duplicatesSuppressed === null ? 'suppressed count unknown (instances restarted)' : `${facts.duplicatesSuppressed} suppressed by order-ingest`;
  return {
    name: 'duplicate deliveries suppressed',
    ok,
    detail: `${facts.duplicatesSent} webhooks re-delivered, ${repeated} repeated events on Kafka, ${suppressed}, ${doubled} orders with two different outcomes under one sequence number`,
  };
}

/**
 * No outcome event lost: order-ingest numbers each order's outcomes 1, 2, 3…, so the sequence
 * numbers seen on Kafka for an order must have no gap (a lost HELD before an ACCEPTED shows as 2
 * without 1). Repeats are duplicates on the wire, which are fine.
 */
export function noOutcomeLost(facts: Pick<DayFacts, 'outcomes'>): Invariant {
  const sequences = new Map<string, Set<number>>();
  for (const o of facts.outcomes) sequences.set(o.orderId, (sequences.get(o.orderId) ?? new Set()).add(o.outcomeSequence));
  const gaps = [...sequences].filter(([, seen]) => Math.max(...seen) !== seen.size || Math.min(...seen) !== 1);
  return {
    name: 'no outcome event lost',
    ok: gaps.length === 0,
    detail:
      gaps.length === 0
        ? `${sequences.size} orders, every outcome sequence gap-free`
        : `${gaps.length} orders with a gap, e.g. ${gaps
            .slice(0, 3)
            .map(([id, seen]) => `${id}: ${[...seen].sort((a, b) => a - b).join(',')}`)
            .join('; ')}`,
  };
}

function firstDeadLetter(deadLetters: readonly DeadLetterFact[]): string {
  const first = deadLetters[0];
  if (!first) return '';
  const message = first.errorMessage.replace(/\s+/g, ' ');
  return `${first.deadLetterTopic}: ${message.length > 300 ? `${message.slice(0, 300)}…` : message}`;
}

/** The day's Kafka messages are all valid: a dead letter is one that should not have been, and any must keep its reason and bytes. */
export function nothingValidDeadLettered(facts: Pick<DayFacts, 'deadLetters'>): Invariant {
  const withoutEvidence = facts.deadLetters.filter((d) => !d.errorCode || !d.hasOriginalBytes);
  const byReason = new Map<string, number>();
  for (const d of facts.deadLetters) byReason.set(`${d.sourceTopic} ${d.errorCode}`, (byReason.get(`${d.sourceTopic} ${d.errorCode}`) ?? 0) + 1);
  return {
    name: 'no valid message dead-lettered',
    ok: facts.deadLetters.length === 0,
    detail:
      facts.deadLetters.length === 0
        ? 'every dead-letter topic empty'
        : `${facts.deadLetters.length} dead letters (${[...byReason].map(([k, n]) => `${k} ×${n}`).join('; ')}), ${withoutEvidence.length} without a reason or the original bytes; the first in ${firstDeadLetter(facts.deadLetters)}`,
  };
}
