import type { PhaseName } from './day-script';

export interface ProgressSnapshot {
  readonly elapsedMs: number;
  readonly phase: PhaseName | 'settling';
  readonly sent: { readonly shopify: number; readonly amazon: number; readonly edi: number };
  readonly onKafka: number;
  readonly accepted: number;
  readonly held: number;
  readonly rejected: number;
  readonly erpDown: boolean;
  readonly erpQueueDepth: number | null;
  readonly erpBooks: number;
  readonly publications: number;
  readonly stockMoves: number;
}

/** One progress line, fixed columns so consecutive lines read as a table. */
export function progressLine(s: ProgressSnapshot): string {
  const sent = s.sent.shopify + s.sent.amazon + s.sent.edi;
  return [
    `${String(Math.round(s.elapsedMs / 1000)).padStart(4)}s ${s.phase.padEnd(10)}`,
    `sent ${String(sent).padStart(4)} (shopify ${s.sent.shopify}, amazon ${s.sent.amazon}, edi ${s.sent.edi})`,
    `on Kafka ${s.onKafka}`,
    `accepted ${s.accepted} held ${s.held} rejected ${s.rejected}`,
    `ERP ${s.erpDown ? 'DOWN' : 'up'} queue ${s.erpQueueDepth ?? '?'} books ${s.erpBooks}`,
    `availability published ${s.publications}`,
    `stock moves ${s.stockMoves}`,
  ].join(' | ');
}
