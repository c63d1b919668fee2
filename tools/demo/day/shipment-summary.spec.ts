import { accountForInputs, summarizeShipments, type MilestoneFact, type ShipmentFacts } from './shipment-summary';

const ORDER = ['LABEL_CREATED', 'PICKED', 'PACKED', 'SHIPPED', 'IN_TRANSIT', 'OUT_FOR_DELIVERY', 'DELIVERED'];
// A plain ladder: enough to test the invariant; the demo passes shipment-events' own rule.
const rank = (published: readonly string[], next: string) => published.some((m) => ORDER.indexOf(m) > ORDER.indexOf(next));

const milestone = (packageReference: string, m: string, at: number): MilestoneFact => ({
  orderId: 'O-1',
  packageReference,
  milestone: m,
  causationId: `${packageReference}:${m}`,
  sourceOccurredAt: at - 100,
  at,
});

function day(overrides: Partial<ShipmentFacts> = {}): ShipmentFacts {
  return {
    milestones: [milestone('wms:P1', 'SHIPPED', 1_000), milestone('wms:P1', 'DELIVERED', 2_000), milestone('3pl:P2', 'SHIPPED', 1_500)],
    channelUpdates: [
      { channel: 'SHOPIFY', milestone: 'SHIPPED', fallbackUsed: false, sourceOccurredAt: 900, at: 1_100 },
      { channel: 'SHOPIFY', milestone: 'DELIVERED', fallbackUsed: false, sourceOccurredAt: 1_900, at: 2_300 },
    ],
    fulfilment: [
      { orderId: 'O-1', lineId: '1', shippedQuantity: 2, deliveredQuantity: 2 },
      { orderId: 'O-1', lineId: '2', shippedQuantity: 1, deliveredQuantity: 0 },
    ],
    reserved: [
      { eventId: 'E-1', orderId: 'O-1', lineId: '1', quantity: 2 },
      { eventId: 'E-2', orderId: 'O-1', lineId: '2', quantity: 1 },
    ],
    consumptions: [
      { eventId: 'E-3', orderId: 'O-1', lineId: '1', quantity: 2 },
      { eventId: 'E-4', orderId: 'O-1', lineId: '2', quantity: 1 },
    ],
    inputs: [
      { eventId: 'e1', source: 'WMS', disposition: 'APPLIED' },
      { eventId: 'e2', source: 'CARRIER', disposition: 'DUPLICATE' },
      { eventId: 'e3', source: 'THIRD_PARTY_LOGISTICS', disposition: 'EXCEPTION' },
    ],
    erp: {
      goodsIssues: [
        { packageReference: 'wms:P1', documentNumber: 'GI-1', duplicateSubmissions: 1 },
        { packageReference: '3pl:P2', documentNumber: 'GI-2', duplicateSubmissions: 0 },
      ],
      invoices: [
        { invoiceNumber: 'INV-1', packageReference: 'wms:P1' },
        { invoiceNumber: 'INV-2', packageReference: '3pl:P2' },
      ],
    },
    ...overrides,
  };
}

const verdicts = (facts: ShipmentFacts) => Object.fromEntries(summarizeShipments(facts, rank).invariants.map((i) => [i.name, i.ok]));

describe('summarizeShipments', () => {
  it('counts packages, units and update timeliness, and passes a consistent day', () => {
    const summary = summarizeShipments(day(), rank);
    expect(summary).toMatchObject({ packagesShipped: 2, packagesDelivered: 1, unitsShipped: 3, unitsDelivered: 2, channelUpdates: 2 });
    expect(summary.updateTimelinessMs).toEqual({ p50: 200, p99: 400, count: 2 });
    expect(summary.inputsByDisposition).toEqual({ APPLIED: 1, DUPLICATE: 1, EXCEPTION: 1 });
    expect(summary.invariants.every((i) => i.ok)).toBe(true);
  });

  it('fails the ERP invariant for a package confirmed twice, one never confirmed, or one not invoiced', () => {
    const twice = day({
      erp: { ...day().erp, goodsIssues: [...day().erp.goodsIssues, { packageReference: 'wms:P1', documentNumber: 'GI-3', duplicateSubmissions: 0 }] },
    });
    const missing = day({ erp: { ...day().erp, goodsIssues: day().erp.goodsIssues.slice(0, 1) } });
    const notInvoiced = day({ erp: { ...day().erp, invoices: day().erp.invoices.slice(0, 1) } });
    const name = 'every shipped package confirmed in the ERP exactly once and invoiced';
    expect(verdicts(twice)[name]).toBe(false);
    expect(verdicts(missing)[name]).toBe(false);
    expect(verdicts(notInvoiced)[name]).toBe(false);
  });

  it('fails when a shipped line consumed less or more than it shipped', () => {
    const name = 'every reservation of a shipped line consumed';
    expect(verdicts(day({ consumptions: [{ eventId: 'E-5', orderId: 'O-1', lineId: '1', quantity: 2 }] }))[name]).toBe(false);
    expect(verdicts(day({ consumptions: [...day().consumptions, { eventId: 'E-6', orderId: 'O-1', lineId: '2', quantity: 1 }] }))[name]).toBe(false);
  });

  it('expects nothing consumed for units accepted without a reservation (a shortage)', () => {
    const name = 'every reservation of a shipped line consumed';
    const shortage = day({
      reserved: [{ eventId: 'E-7', orderId: 'O-1', lineId: '1', quantity: 2 }],
      consumptions: [{ eventId: 'E-8', orderId: 'O-1', lineId: '1', quantity: 2 }],
    });
    expect(verdicts(shortage)[name]).toBe(true);
    expect(summarizeShipments(shortage, rank).invariants.find((i) => i.name === name)?.detail).toContain('(1 accepted without a reservation)');
    expect(verdicts(day({ reserved: [{ eventId: 'E-9', orderId: 'O-1', lineId: '1', quantity: 1 }] }))[name]).toBe(false);
  });

  it('fails when a package is published at a milestone below one it already reached', () => {
    const regressed = day({ milestones: [...day().milestones, milestone('wms:P1', 'IN_TRANSIT', 3_000)] });
    expect(verdicts(regressed)['no milestone regressed']).toBe(false);
  });

  it('fails when a fact has no disposition at shipment-events', () => {
    const lost = day({ inputs: [...day().inputs, { eventId: 'e4', source: 'CARRIER', disposition: null }] });
    const summary = summarizeShipments(lost, rank);
    expect(summary.inputsByDisposition['UNACCOUNTED']).toBe(1);
    expect(verdicts(lost)['every shipment fact accounted for']).toBe(false);
  });
});

describe('accounting for every delivered shipment fact', () => {
  it('gives each record the stored fact of its eventId, repeats and counted further deliveries DUPLICATE, and the rest nothing', () => {
    const inputs = [
      { eventId: 'w1', source: 'WMS' as const, at: 1 },
      { eventId: 'w1', source: 'WMS' as const, at: 2 },
      { eventId: 'c1', source: 'CARRIER' as const, at: 3 },
      { eventId: 'c1-again', source: 'CARRIER' as const, at: 4 },
      { eventId: 't1', source: 'THIRD_PARTY_LOGISTICS' as const, at: 5 },
      { eventId: 'lost', source: 'CARRIER' as const, at: 6 },
    ];
    const stored = [
      { eventId: 'w1', status: 'APPLIED', reason: null, duplicateCount: 0 },
      { eventId: 'c1', status: 'EXCEPTION', reason: 'TRACKING_NUMBER_REUSED', duplicateCount: 1 },
      { eventId: 't1', status: 'WAITING', reason: 'ORDER_NOT_YET_KNOWN', duplicateCount: 0 },
    ];
    expect(accountForInputs(inputs, stored).map((i) => [i.eventId, i.disposition])).toEqual([
      ['w1', 'APPLIED'],
      ['w1', 'DUPLICATE'],
      ['c1', 'EXCEPTION TRACKING_NUMBER_REUSED'],
      ['c1-again', 'DUPLICATE'],
      ['t1', 'WAITING ORDER_NOT_YET_KNOWN'],
      ['lost', null],
    ]);
  });
});
