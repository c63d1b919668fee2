import type { DayFacts } from './day-facts';
import { channelOrderFact, outcomeFact, sentOrder } from './day-facts.fixture';
import { percentile, publicationDelays, summarizeDay, tracedOrderId, unsettledOrders } from './day-summary';

const T0 = 1_000_000;
function facts(overrides: Partial<DayFacts> = {}): DayFacts {
  return {
    startedAt: T0,
    outage: { from: T0 + 10_000, to: T0 + 20_000 },
    sent: [sentOrder(1, T0 + 1000), sentOrder(2, T0 + 2000), sentOrder(3, T0 + 12_000)],
    duplicatesSent: 1,
    bad: [{ input: 'bad-signature', observed: 'HTTP 401', asPromised: true }],
    stockMoves: 2,
    channelOrders: [channelOrderFact(1, T0 + 1100), channelOrderFact(1, T0 + 3100), channelOrderFact(2, T0 + 2100), channelOrderFact(3, T0 + 12_100)],
    outcomes: [
      outcomeFact(1, 'ACCEPTED', T0 + 1500),
      outcomeFact(2, 'HELD', T0 + 2200, 1, ['NO_FULFILMENT_LOCATION', 'NO_FULFILMENT_LOCATION']),
      outcomeFact(3, 'HELD', T0 + 15_000, 1, ['ERP_UNAVAILABLE']),
      outcomeFact(3, 'ACCEPTED', T0 + 22_000, 2),
    ],
    erpBooks: [
      { externalId: 'O1', erpOrderNumber: 'SO-1', duplicateSubmissions: 0 },
      { externalId: 'O3', erpOrderNumber: 'SO-3', duplicateSubmissions: 0 },
      { externalId: 'OTHER-RUN', erpOrderNumber: 'SO-9', duplicateSubmissions: 0 },
    ],
    availability: [{ at: T0 + 6000, sku: 'A', channelAccountId: 'acme-outdoor', onHandAt: { DC: 4 } }],
    reservations: [],
    positions: [],
    goodsIssues: [],
    deadLetters: [],
    shortages: 0,
    duplicatesSuppressed: 1,
    instancesRestarted: false,
    peakErpQueueDepth: 1,
    ...overrides,
  };
}

const invariant = (f: DayFacts, name: string) => {
  const found = summarizeDay(f).invariants.find((i) => i.name.startsWith(name));
  if (!found) throw new Error(`no invariant ${name}`);
  return found;
};

describe('percentile', () => {
  it('is the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(
      percentile(
        [...Array(100).keys()].map((i) => i + 1),
        99,
      ),
    ).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('summarizeDay', () => {
  it('counts final outcomes: a later acceptance supersedes the ERP_UNAVAILABLE hold', () => {
    const s = summarizeDay(facts());
    expect(s).toMatchObject({ received: 3, accepted: 2, held: 1, rejected: 0, cancelled: 0, queuedDuringOutage: 1, drainedAfterOutage: 1, erpOrders: 3 });
    expect(s.heldReasons).toEqual({ NO_FULFILMENT_LOCATION: 1 });
    expect(s.outcomesByChannel).toEqual({ shopify: { ACCEPTED: 2, HELD: 1 } });
  });

  it('measures order latency from the channel event to the first acceptance, and apart from the outage', () => {
    const s = summarizeDay(facts());
    expect(s.orderLatencyMs).toEqual({ p50: 500, p99: 10_000, count: 2 });
    expect(s.orderLatencyOutsideOutageMs).toEqual({ p50: 500, p99: 500, count: 1 });
  });

  it('passes every invariant on a consistent day', () => {
    expect(summarizeDay(facts()).invariants.filter((i) => !i.ok)).toEqual([]);
  });

  it('fails when a sent order never reached Kafka or never got an outcome', () => {
    expect(invariant(facts({ sent: [...facts().sent, sentOrder(4, T0 + 5000)] }), 'every channel order').ok).toBe(false);
    expect(invariant(facts({ outcomes: facts().outcomes.filter((o) => o.orderId !== 'O2') }), 'every channel order').ok).toBe(false);
    expect(invariant(facts({ sent: [] }), 'every channel order').ok).toBe(false);
  });

  it('fails on an accepted order the ERP has not booked, a second booking, or a duplicate submission', () => {
    const books = facts().erpBooks;
    expect(invariant(facts({ erpBooks: books.filter((b) => b.externalId !== 'O3') }), 'exactly one ERP order').ok).toBe(false);
    expect(invariant(facts({ erpBooks: [...books, { externalId: 'O1', erpOrderNumber: 'SO-77', duplicateSubmissions: 0 }] }), 'exactly one ERP order').ok).toBe(
      false,
    );
    expect(invariant(facts({ erpBooks: books.map((b) => (b.externalId === 'O1' ? { ...b, duplicateSubmissions: 1 } : b)) }), 'exactly one ERP order').ok).toBe(
      false,
    );
    expect(invariant(facts({ erpBooks: [...books, { externalId: 'O2', erpOrderNumber: 'SO-2', duplicateSubmissions: 0 }] }), 'exactly one ERP order').ok).toBe(
      false,
    );
  });

  it('fails when a bad input was not refused or held as promised', () => {
    expect(invariant(facts({ bad: [{ input: 'bad-signature', observed: 'HTTP 200', asPromised: false }] }), 'bad input').ok).toBe(false);
  });

  it('allows a repeated ERP submission only when instances were killed during the day', () => {
    const books = facts().erpBooks.map((b) => (b.externalId === 'O1' ? { ...b, duplicateSubmissions: 1 } : b));
    expect(invariant(facts({ erpBooks: books }), 'exactly one ERP order').ok).toBe(false);
    expect(invariant(facts({ erpBooks: books, instancesRestarted: true }), 'exactly one ERP order').ok).toBe(true);
  });

  it('fails when a duplicate delivery was not suppressed', () => {
    expect(invariant(facts({ duplicatesSuppressed: 0 }), 'duplicate').ok).toBe(false);
  });

  it('judges duplicates by their effects when restarts reset the counters: one outcome per sequence number', () => {
    expect(invariant(facts({ duplicatesSuppressed: null }), 'duplicate').ok).toBe(true);
    const doubled = facts({ duplicatesSuppressed: null, outcomes: [...facts().outcomes, outcomeFact(1, 'HELD', T0 + 1600)] });
    expect(invariant(doubled, 'duplicate')).toMatchObject({ ok: false, detail: expect.stringContaining('1 orders with two different outcomes') });
    // The same outcome on the wire twice is a duplicate delivery, not a doubled effect.
    expect(invariant(facts({ duplicatesSuppressed: null, outcomes: [...facts().outcomes, outcomeFact(1, 'ACCEPTED', T0 + 1600)] }), 'duplicate').ok).toBe(true);
  });

  it("fails on a gap in an order's outcome sequence (a lost event), not on a repeated one", () => {
    expect(invariant(facts(), 'no outcome event lost').ok).toBe(true);
    const lostFirst = facts({ outcomes: facts().outcomes.filter((o) => !(o.orderId === 'O3' && o.outcomeSequence === 1)) });
    expect(invariant(lostFirst, 'no outcome event lost')).toMatchObject({ ok: false, detail: expect.stringContaining('O3: 2') });
    expect(invariant(facts({ outcomes: [...facts().outcomes, outcomeFact(1, 'ACCEPTED', T0 + 1700)] }), 'no outcome event lost').ok).toBe(true);
  });

  it('fails on any dead letter of the day, and says which lack their reason or bytes', () => {
    expect(invariant(facts(), 'no valid message dead-lettered').ok).toBe(true);
    const dead = {
      deadLetterTopic: 'orderIngestDeadLetters',
      sourceTopic: 't.orders',
      errorCode: 'HANDLER_FAILED',
      errorMessage: 'db down',
      hasOriginalBytes: false,
    };
    expect(invariant(facts({ deadLetters: [dead] }), 'no valid message dead-lettered')).toMatchObject({
      ok: false,
      detail: expect.stringContaining(
        '1 dead letters (t.orders HANDLER_FAILED ×1), 1 without a reason or the original bytes; the first in orderIngestDeadLetters: db down',
      ),
    });
  });

  it('lists the orders still waiting (no outcome, or held only for the ERP)', () => {
    const waiting = unsettledOrders({ ...facts(), outcomes: facts().outcomes.filter((o) => o.kind !== 'ACCEPTED' || o.orderId !== 'O3') });
    expect(waiting.map((s) => s.channelOrderId)).toEqual(['C3']);
    expect(unsettledOrders(facts())).toEqual([]);
  });
});

describe('tracedOrderId', () => {
  it('takes the latest accepted order, a web-store one first', () => {
    const edi = { ...sentOrder(4, T0 + 500), channel: 'edi' as const };
    expect(
      tracedOrderId(
        facts({
          sent: [edi, ...facts().sent],
          channelOrders: [channelOrderFact(4, T0 + 600), ...facts().channelOrders],
          outcomes: [outcomeFact(4, 'ACCEPTED', T0 + 700), ...facts().outcomes],
        }),
      ),
    ).toBe('trace3');
    // An EDI order sent later than every accepted web-store order still comes second.
    const lateEdi = { ...sentOrder(4, T0 + 30_000), channel: 'edi' as const };
    expect(
      tracedOrderId(
        facts({
          sent: [lateEdi, ...facts().sent],
          channelOrders: [channelOrderFact(4, T0 + 30_100), ...facts().channelOrders],
          outcomes: [outcomeFact(4, 'ACCEPTED', T0 + 30_200), ...facts().outcomes],
        }),
      ),
    ).toBe('trace3');
    expect(tracedOrderId(facts({ outcomes: facts().outcomes.slice(0, 3) }))).toBe('trace1');
  });

  it('takes only orders sent once Jaeger kept traces', () => {
    expect(tracedOrderId(facts(), T0 + 1500)).toBe('trace3');
    expect(tracedOrderId(facts(), T0 + 12_001)).toBeNull();
  });
});

describe('publicationDelays', () => {
  const position = (sku: string, onHand: number, asOf: number, source: 'ERP' | 'WMS' = 'ERP') => ({
    source,
    sku,
    locationId: 'DC',
    onHand,
    inbound: 0,
    version: 1,
    asOf,
    at: asOf + 800,
  });
  const published = (sku: string, channelAccountId: string, at: number, onHand: number) => ({ at, sku, channelAccountId, onHandAt: { DC: onHand } });

  it('measures from the ERP change to the first publication per channel that shows it, fastest channel', () => {
    const positions = [position('A', 7, T0 + 1000), position('B', 1, T0 - 5000), position('A', 9, T0 + 1000, 'WMS')];
    const availability = [
      published('A', 'shop', T0 + 1500, 7), // before the change reached Kafka
      published('A', 'shop', T0 + 2500, 7),
      published('A', 'amazon', T0 + 2100, 7),
      published('B', 'shop', T0 - 3000, 1),
    ];
    expect(publicationDelays({ startedAt: T0, positions, availability })).toEqual([1100]);
  });

  it('does not count a change whose next publication does not show it (a figure it did not move)', () => {
    const positions = [position('C', 3, T0 + 1000)];
    const availability = [published('C', 'shop', T0 + 2000, 2), published('C', 'shop', T0 + 60_000, 3)];
    expect(publicationDelays({ startedAt: T0, positions, availability })).toEqual([]);
  });
});
