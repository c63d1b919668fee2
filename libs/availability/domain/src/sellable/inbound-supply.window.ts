import type { InboundSupply } from '@crossdock/contracts';
import type { InboundRule } from '../channel-rules/channel-rules.types';

const HOUR_MS = 3_600_000;

/**
 * Inbound supply a channel may sell now: due within the channel's horizon and not overdue beyond
 * its grace. Supply without an expected date, of an unknown origin (a newer enum symbol) or with
 * a non-positive quantity is never promised.
 */
export function countableInbound(inbound: readonly InboundSupply[], rule: InboundRule | null, now: number): number {
  if (!rule) return 0;
  const earliest = now - rule.overdueGraceHours * HOUR_MS;
  const latest = now + rule.horizonHours * HOUR_MS;
  let counted = 0;
  for (const supply of inbound) {
    if (supply.expectedAt === null || supply.sourceType === 'UNKNOWN' || supply.quantity <= 0) continue;
    if (supply.expectedAt >= earliest && supply.expectedAt <= latest) counted += supply.quantity;
  }
  return counted;
}
