import type { ChannelOrder, RawSourceReference, SalesChannel } from '@crossdock/contracts';
import type { ChannelAccountMapping } from './channel-mapping';
import { RejectionError, type AdapterRejection } from './rejection';

/** One document's fate. An adapter never throws on bad input: every document ends in one of these. */
export type AdapterOutcome =
  /** Publish `order` to the channel-orders topic (key `order.orderId`). */
  | { readonly kind: 'ORDER'; readonly order: ChannelOrder }
  /** Nothing to publish yet, by design (Amazon Pending order): not an error, not a drop. */
  | { readonly kind: 'SKIPPED'; readonly channelOrderId: string; readonly reason: string }
  /** Refused: answer 4xx / move the file to the rejected folder / log it; publish nothing. */
  | { readonly kind: 'REJECTED'; readonly rejection: AdapterRejection };

export interface AdapterResult {
  readonly outcomes: readonly AdapterOutcome[];
}

/** What the host (channel-gateway) knows about a delivery besides its bytes. */
export interface AdapterContext {
  /** The channel account's mapping file (see mappings/*.json). */
  readonly mapping: ChannelAccountMapping;
  /** When the gateway received the document (ms since epoch, UTC). */
  readonly receivedAt: number;
  /** Where the gateway archived the raw payload, if it did; copied onto every event. */
  readonly rawSource?: RawSourceReference | null;
}

/**
 * The common shape of every channel adapter: parse and validate one raw channel document into
 * canonical {@link ChannelOrder} events, or reject it with a stable reason code and the offending
 * field. Pure: no I/O, no clock (time comes from the document or the context), deterministic ids,
 * so the same delivery always yields byte-identical events and downstream dedupe works.
 *
 * Adding a channel = one adapter implementing this + one mapping file; no change to this library's
 * core or to any service.
 */
export interface ChannelAdapter<TPayload, TResult extends AdapterResult = AdapterResult> {
  readonly channel: SalesChannel;
  /** Short name of the source document format, e.g. 'shopify-webhook', 'x12-850'. */
  readonly sourceFormat: string;
  adapt(payload: TPayload, context: AdapterContext): TResult;
}

/** Runs `map`, turning a thrown {@link RejectionError} into a REJECTED outcome. Other errors are bugs and propagate. */
export function outcomeOf(channelOrderId: string | null, map: () => AdapterOutcome): AdapterOutcome {
  try {
    return map();
  } catch (error) {
    if (error instanceof RejectionError) {
      return {
        kind: 'REJECTED',
        rejection: { code: error.code, field: error.field, message: error.message, channelOrderId },
      };
    }
    throw error;
  }
}
