import { SeededRandom } from '@crossdock/connectors/simulators';
import type { DemoConfig } from './demo-config';

export type Channel = 'shopify' | 'amazon' | 'edi';
export type BadInput = 'bad-signature' | 'malformed-payload' | 'unmapped-item' | 'bad-edi-file';
export type StockMove = 'receipt' | 'adjustment' | 'allocation';
export type PhaseName = 'steady' | 'promotion' | 'erp-outage';

export interface OrderLinePick {
  /** Index into the simulated catalog. */
  readonly item: number;
  readonly quantity: number;
}

export type DayEvent =
  | { readonly atMs: number; readonly kind: 'order'; readonly channel: Channel; readonly seq: number; readonly lines: readonly OrderLinePick[] }
  /** The same Shopify webhook delivered again (a retry after a timeout on Shopify's side). */
  | { readonly atMs: number; readonly kind: 'duplicate-webhook'; readonly ofSeq: number }
  | { readonly atMs: number; readonly kind: 'bad'; readonly input: BadInput; readonly seq: number }
  | { readonly atMs: number; readonly kind: 'stock'; readonly move: StockMove; readonly item: number; readonly site: number; readonly quantity: number }
  | { readonly atMs: number; readonly kind: 'erp-outage'; readonly durationMs: number };

export interface Phase {
  readonly name: PhaseName;
  readonly fromMs: number;
  readonly toMs: number;
}

export interface DayScript {
  readonly phases: readonly Phase[];
  readonly events: readonly DayEvent[];
}

/** Share of orders per channel: web store, marketplace, EDI trading partner. */
const CHANNEL_MIX: ReadonlyArray<readonly [Channel, number]> = [
  ['shopify', 0.5],
  ['amazon', 0.3],
  ['edi', 0.2],
];
export const PROMOTION_FACTOR = 10;
/** Share of Shopify webhooks delivered twice. */
const DUPLICATE_SHARE = 0.06;
/** A few SKUs get most of the orders, as in any catalog: reservations then meet real stock limits. */
const HOT_ITEMS = 20;

/**
 * The distributor's day as data: when the promotion and the ERP outage happen, every order (channel,
 * lines), duplicate deliveries, bad inputs and stock movements, in time order. Deterministic for a
 * seed, so two runs of the same size send the same day.
 */
export function planDay(config: Pick<DemoConfig, 'durationMs' | 'ratePerSecond' | 'seed' | 'itemCount'>): DayScript {
  const random = new SeededRandom(config.seed);
  const d = config.durationMs;
  const promotion: Phase = { name: 'promotion', fromMs: Math.round(d * 0.25), toMs: Math.round(d * 0.35) };
  const outage: Phase = { name: 'erp-outage', fromMs: Math.round(d * 0.5), toMs: Math.round(d * 0.5 + Math.max(10_000, d * 0.15)) };
  const phases: Phase[] = [
    { name: 'steady', fromMs: 0, toMs: promotion.fromMs },
    promotion,
    { name: 'steady', fromMs: promotion.toMs, toMs: outage.fromMs },
    outage,
    { name: 'steady', fromMs: outage.toMs, toMs: d },
  ];
  const events: DayEvent[] = [{ atMs: outage.fromMs, kind: 'erp-outage', durationMs: outage.toMs - outage.fromMs }];

  let seq = 0;
  for (let at = 0; at < d;) {
    const channel = pickWeighted(random, CHANNEL_MIX);
    const lines = Array.from({ length: 3 }, () => ({ item: pickItem(random, config.itemCount), quantity: random.int(1, 3) }));
    events.push({ atMs: Math.round(at), kind: 'order', channel, seq, lines });
    if (channel === 'shopify' && random.chance(DUPLICATE_SHARE))
      events.push({ atMs: Math.round(at) + random.int(500, 3000), kind: 'duplicate-webhook', ofSeq: seq });
    seq++;
    const rate = at >= promotion.fromMs && at < promotion.toMs ? config.ratePerSecond * PROMOTION_FACTOR : config.ratePerSecond;
    at += 1000 / rate;
  }

  const bad: BadInput[] = ['bad-signature', 'malformed-payload', 'unmapped-item', 'bad-edi-file'];
  for (const [round, share] of [0.15, 0.6].entries()) {
    bad.forEach((input, i) => events.push({ atMs: Math.round(d * share) + i * 700, kind: 'bad', input, seq: seq + round * bad.length + i }));
  }

  const moves: ReadonlyArray<readonly [StockMove, number]> = [
    ['receipt', 5_000],
    ['adjustment', 7_000],
    ['allocation', 11_000],
  ];
  for (const [move, every] of moves) {
    for (let at = every / 2; at < d; at += every) {
      const quantity = move === 'receipt' ? random.int(20, 60) : random.int(1, 3);
      events.push({
        atMs: Math.round(at),
        kind: 'stock',
        move,
        item: random.int(0, Math.min(HOT_ITEMS, config.itemCount) - 1),
        site: random.int(0, 2),
        quantity,
      });
    }
  }
  return { phases, events: events.sort((a, b) => a.atMs - b.atMs) };
}

export function phaseAt(script: DayScript, atMs: number): PhaseName {
  return script.phases.find((p) => atMs >= p.fromMs && atMs < p.toMs)?.name ?? 'steady';
}

function pickItem(random: SeededRandom, itemCount: number): number {
  const hot = Math.min(HOT_ITEMS, itemCount);
  return random.chance(0.6) ? random.int(0, hot - 1) : random.int(0, itemCount - 1);
}

function pickWeighted<T>(random: SeededRandom, options: ReadonlyArray<readonly [T, number]>): T {
  let roll = random.next();
  let chosen = options[0]?.[0];
  for (const [value, weight] of options) {
    chosen = value;
    roll -= weight;
    if (roll < 0) break;
  }
  if (chosen === undefined) throw new Error('nothing to pick from');
  return chosen;
}
