export type OrderOutcomeKind = 'ACCEPTED' | 'CANCELLED';

/** The latest outcome seen for an order: its `outcomeSequence` and what it was. */
export interface OrderOutcome {
  readonly sequence: number;
  readonly kind: OrderOutcomeKind;
}

export interface OrderOutcomeDecision {
  /** False when a later outcome was already processed: this older one must not act. */
  readonly acts: boolean;
  /** The outcome to keep from now on; null when the held one stays as it is. */
  readonly keep: OrderOutcome | null;
}

/**
 * OrderAccepted and OrderCancelled travel on different topics, so they can arrive in either
 * order; their shared `outcomeSequence` says which came last. The highest seen is kept, and an
 * acceptance older than a processed cancellation must not reserve. An equal sequence is the same
 * outcome delivered again, and acts (its effects are idempotent).
 */
export function decideOrderOutcome(held: OrderOutcome | null, incoming: OrderOutcome): OrderOutcomeDecision {
  if (held === null) return { acts: true, keep: incoming };
  if (incoming.sequence < held.sequence) return { acts: false, keep: null };
  const same = incoming.sequence === held.sequence && incoming.kind === held.kind;
  return { acts: true, keep: same ? null : incoming };
}
