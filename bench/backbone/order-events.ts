import type { ChannelOrder } from '@crossdock/contracts';
import type { OutboundEvent } from '@crossdock/messaging';
import { sampleChannelOrder } from '@crossdock/testing';

const base = sampleChannelOrder();
// The fixture's order id ends in a 13-digit order number; replacing just those digits gives every
// event its own key (so the default partitioner spreads them over all partitions) at the same byte size.
const prefix = base.orderId.slice(0, -13);

/** Order events `from`..`from+count-1`, keyed by their orderId (the catalog's key format). */
export function orderEvents(from: number, count: number, headers: (index: number) => Record<string, string>): OutboundEvent<ChannelOrder>[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = from + offset;
    const orderId = `${prefix}${String(index).padStart(13, '0')}`;
    return { key: orderId, value: { ...base, orderId }, options: { headers: headers(index) } };
  });
}
