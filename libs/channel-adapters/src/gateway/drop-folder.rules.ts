import type { ChannelOrder } from '@crossdock/contracts';
import type { AdapterOutcome } from '../core/adapter';
import type { AdapterRejection } from '../core/rejection';

/**
 * Where a drop-folder file goes once handled. PROCESSED: every document in it was published.
 * REJECTED: nothing was. PARTIALLY_REJECTED: the accepted transaction sets were published (the 997
 * tells the partner so) and the file still goes to the rejected folder, because someone must act on
 * the refused ones; re-dropping a corrected file is safe, the accepted orders keep their event ids.
 */
export type DropFileDisposition = 'PROCESSED' | 'PARTIALLY_REJECTED' | 'REJECTED';

export interface DropFileVerdict {
  readonly disposition: DropFileDisposition;
  readonly orders: readonly ChannelOrder[];
  readonly rejections: readonly AdapterRejection[];
  readonly skipped: number;
}

export function dropFileVerdict(outcomes: readonly AdapterOutcome[]): DropFileVerdict {
  const orders = outcomes.flatMap((o) => (o.kind === 'ORDER' ? [o.order] : []));
  const rejections = outcomes.flatMap((o) => (o.kind === 'REJECTED' ? [o.rejection] : []));
  const skipped = outcomes.filter((o) => o.kind === 'SKIPPED').length;
  const disposition: DropFileDisposition =
    rejections.length === 0 && orders.length + skipped > 0 ? 'PROCESSED' : orders.length === 0 ? 'REJECTED' : 'PARTIALLY_REJECTED';
  return { disposition, orders, rejections, skipped };
}
