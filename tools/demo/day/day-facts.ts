import type { BadInput, Channel, PhaseName } from './day-script';

/** What the demo did (its own ledger) and what the hub said (Kafka topics, service and simulator APIs). */
export interface SentOrder {
  readonly channel: Channel;
  readonly channelAccountId: string;
  readonly channelOrderId: string;
  readonly sentAt: number;
  readonly phase: PhaseName;
}

export interface BadInputResult {
  readonly input: BadInput;
  /** What the hub did with it, e.g. `HTTP 401`, `rejected/ + reason`, `HELD ITEM_UNMAPPED`. */
  readonly observed: string;
  /** The disposition the rules promise (4xx, rejected folder, held order). */
  readonly asPromised: boolean;
}

export interface ChannelOrderFact {
  readonly orderId: string;
  readonly eventId: string;
  readonly channelAccountId: string;
  readonly channelOrderId: string;
  readonly at: number;
  /** The trace the gateway started for this delivery (traceparent header), continued by order-ingest. */
  readonly traceId: string | null;
}

export interface OutcomeFact {
  readonly orderId: string;
  readonly outcomeSequence: number;
  readonly kind: 'ACCEPTED' | 'HELD' | 'REJECTED' | 'CANCELLED';
  readonly reasons: readonly string[];
  readonly erpOrderNumber: string | null;
  readonly at: number;
  readonly traceId: string | null;
}

export interface AvailabilityFact {
  readonly at: number;
  readonly sku: string;
  readonly channelAccountId: string;
  /** On-hand per location the figure was computed from. */
  readonly onHandAt: Readonly<Record<string, number>>;
}

export interface ErpBookEntry {
  readonly externalId: string;
  readonly erpOrderNumber: string;
  readonly duplicateSubmissions: number;
}

export interface ReservationFact {
  readonly reservationId: string;
  readonly orderId: string;
  readonly lineId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly openQuantity: number;
  readonly version: number;
  readonly at: number;
}

export interface PositionFact {
  readonly source: 'ERP' | 'WMS';
  readonly sku: string;
  readonly locationId: string;
  readonly onHand: number;
  /** Open purchase orders, transfers and ASNs: availability may count some of it as sellable. */
  readonly inbound: number;
  readonly version: number;
  /** When the source system changed it. */
  readonly asOf: number;
  /** When it reached Kafka. */
  readonly at: number;
}

/** One line of a goods issue in the ERP's books: units off on-hand as of `postedAt` (the ERP's clock). */
export interface GoodsIssueLineFact {
  readonly orderId: string;
  readonly lineId: string;
  readonly sku: string;
  readonly locationId: string;
  readonly quantity: number;
  readonly postedAt: number;
}

/** A message a service put on its dead-letter topic. */
export interface DeadLetterFact {
  readonly deadLetterTopic: string;
  readonly sourceTopic: string;
  readonly errorCode: string;
  readonly errorMessage: string;
  /** Whether the original bytes came with it (they must). */
  readonly hasOriginalBytes: boolean;
}

export interface DayFacts {
  readonly startedAt: number;
  readonly outage: { readonly from: number; readonly to: number };
  readonly sent: readonly SentOrder[];
  readonly duplicatesSent: number;
  readonly bad: readonly BadInputResult[];
  readonly stockMoves: number;
  readonly channelOrders: readonly ChannelOrderFact[];
  readonly outcomes: readonly OutcomeFact[];
  readonly erpBooks: readonly ErpBookEntry[];
  /** Channel availability publications of this run (when they reached Kafka, which SKU). */
  readonly availability: readonly AvailabilityFact[];
  readonly reservations: readonly ReservationFact[];
  readonly positions: readonly PositionFact[];
  readonly goodsIssues: readonly GoodsIssueLineFact[];
  readonly shortages: number;
  /** Everything the services dead-lettered during the day (the day sends no bad Kafka message). */
  readonly deadLetters: readonly DeadLetterFact[];
  /** order-ingest's crossdock_order_ingest_duplicates_suppressed_total, before and after the day. */
  /** null when instances restarted during the day (a chaos run): their counters started again from zero. */
  readonly duplicatesSuppressed: number | null;
  /**
   * Instances were killed during the day (a chaos run): an order submitted to the ERP again after a
   * kill between the ERP's answer and the commit is the designed recovery (the ERP answers with the
   * order it booked), not a doubled effect.
   */
  readonly instancesRestarted: boolean;
  readonly peakErpQueueDepth: number;
}
