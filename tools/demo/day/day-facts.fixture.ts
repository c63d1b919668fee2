import type { ChannelOrderFact, OutcomeFact, SentOrder } from './day-facts';

/** Order `n` of a test day, sent on Shopify for acme-outdoor at `at`, in the steady phase. */
export function sentOrder(n: number, at: number): SentOrder {
  return { channel: 'shopify', channelAccountId: 'acme-outdoor', channelOrderId: `C${n}`, sentAt: at, phase: 'steady' };
}

/** Order `n` as the gateway put it on the channel-orders topic at `at`, in trace `trace<n>`. */
export function channelOrderFact(n: number, at: number): ChannelOrderFact {
  return { orderId: `O${n}`, eventId: `E${n}`, channelAccountId: 'acme-outdoor', channelOrderId: `C${n}`, at, traceId: `trace${n}` };
}

/** Order `n`'s outcome at `at`; an acceptance carries ERP order SO-<n> and the order's trace. */
export function outcomeFact(n: number, kind: OutcomeFact['kind'], at: number, outcomeSequence = 1, reasons: readonly string[] = []): OutcomeFact {
  return {
    orderId: `O${n}`,
    outcomeSequence,
    kind,
    reasons,
    erpOrderNumber: kind === 'ACCEPTED' ? `SO-${n}` : null,
    at,
    traceId: kind === 'ACCEPTED' ? `trace${n}` : null,
  };
}
