import { planDay, phaseAt, PROMOTION_FACTOR, type DayEvent } from './day-script';

const config = { durationMs: 120_000, ratePerSecond: 2, seed: 7, itemCount: 300 };
const ordersIn = (events: readonly DayEvent[], from: number, to: number) => events.filter((e) => e.kind === 'order' && e.atMs >= from && e.atMs < to).length;

describe('planDay', () => {
  const script = planDay(config);

  it('is the same day for the same seed, and another day for another seed', () => {
    expect(planDay(config)).toEqual(script);
    expect(planDay({ ...config, seed: 8 })).not.toEqual(script);
  });

  it('sends the steady rate, and ten times it during the promotion', () => {
    const promotion = script.phases.find((p) => p.name === 'promotion') ?? { fromMs: 0, toMs: 0 };
    const promoSeconds = (promotion.toMs - promotion.fromMs) / 1000;
    expect(ordersIn(script.events, promotion.fromMs, promotion.toMs)).toBeCloseTo(promoSeconds * config.ratePerSecond * PROMOTION_FACTOR, -1);
    expect(ordersIn(script.events, 0, 10_000)).toBe(20);
  });

  it('puts one ERP outage in the middle of the day, after the promotion', () => {
    const outages = script.events.filter((e) => e.kind === 'erp-outage');
    expect(outages).toHaveLength(1);
    const outage = script.phases.find((p) => p.name === 'erp-outage') ?? { fromMs: 0, toMs: 0 };
    expect(outage.fromMs).toBe(60_000);
    expect(outage.toMs - outage.fromMs).toBe(18_000);
    expect(phaseAt(script, 65_000)).toBe('erp-outage');
    expect(phaseAt(script, 35_000)).toBe('promotion');
    expect(phaseAt(script, 5_000)).toBe('steady');
  });

  it('uses all three channels, redelivers some webhooks and sends every kind of bad input twice', () => {
    const channels = new Set(script.events.flatMap((e) => (e.kind === 'order' ? [e.channel] : [])));
    expect([...channels].sort()).toEqual(['amazon', 'edi', 'shopify']);
    const duplicates = script.events.filter((e): e is Extract<DayEvent, { kind: 'duplicate-webhook' }> => e.kind === 'duplicate-webhook');
    expect(duplicates.length).toBeGreaterThan(0);
    for (const d of duplicates) expect(script.events.find((e) => e.kind === 'order' && e.seq === d.ofSeq && e.channel === 'shopify')).toBeDefined();
    const bad = script.events.flatMap((e) => (e.kind === 'bad' ? [e.input] : []));
    expect(bad.sort()).toEqual([
      'bad-edi-file',
      'bad-edi-file',
      'bad-signature',
      'bad-signature',
      'malformed-payload',
      'malformed-payload',
      'unmapped-item',
      'unmapped-item',
    ]);
  });

  it('moves stock all day, within the catalog', () => {
    const moves = script.events.filter((e) => e.kind === 'stock');
    expect(new Set(moves.map((m) => (m.kind === 'stock' ? m.move : ''))).size).toBe(3);
    for (const m of moves) if (m.kind === 'stock') expect(m.item).toBeLessThan(config.itemCount);
  });

  it('gives every order and bad input its own sequence number, in time order', () => {
    const seqs = script.events.flatMap((e) => (e.kind === 'order' || e.kind === 'bad' ? [e.seq] : []));
    expect(new Set(seqs).size).toBe(seqs.length);
    const times = script.events.map((e) => e.atMs);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
