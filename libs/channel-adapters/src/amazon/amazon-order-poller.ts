import type { AdapterContext, AdapterOutcome } from '../core/adapter';
import { isRecord } from '../core/values';
import { AmazonOrderAdapter } from './amazon-order.adapter';
import type { GetOrderItemsResponse, GetOrdersResponse } from './sp-api.types';

/**
 * Durable poller position. `watermark` is the highest LastUpdateDate whose batch was acknowledged;
 * `seen` remembers the (order, LastUpdateDate) versions already emitted inside the overlap window
 * below it, so re-reading the window never emits a version twice.
 */
export interface AmazonPollCursor {
  /** ISO 8601 UTC. */
  readonly watermark: string;
  /** `${AmazonOrderId}@${LastUpdateDate epoch ms}`, only entries within the overlap window. */
  readonly seen: readonly string[];
}

/** Where the cursor survives restarts (a row in the gateway's database, a file). */
export interface CursorStore {
  load(): Promise<AmazonPollCursor | null>;
  save(cursor: AmazonPollCursor): Promise<void>;
}

export interface GetOrdersQuery {
  /** SP-API `LastUpdatedAfter` (ISO 8601). */
  readonly lastUpdatedAfter: string;
  /** SP-API `LastUpdatedBefore` (ISO 8601), at least two minutes in the past as SP-API requires. */
  readonly lastUpdatedBefore: string;
  /** Continue a previous page; SP-API ignores the other filters when it is set. */
  readonly nextToken: string | null;
}

/** The SP-API calls the poller needs; the gateway implements it with LWA auth, RDT, rate limits and retries. */
export interface SpApiOrdersPort {
  getOrders(query: GetOrdersQuery): Promise<GetOrdersResponse>;
  getOrderItems(amazonOrderId: string, nextToken: string | null): Promise<GetOrderItemsResponse>;
}

export interface PolledOrder {
  readonly amazonOrderId: string;
  /** ISO LastUpdateDate of the version emitted. */
  readonly lastUpdateDate: string;
  readonly outcome: AdapterOutcome;
}

/**
 * Hands a batch to the publisher. Must resolve only once every ORDER in it is durably acknowledged
 * (Kafka acks=all) and every REJECTED one recorded; rejecting or throwing leaves the cursor where it was.
 */
export type EmitBatch = (batch: readonly PolledOrder[]) => Promise<void>;

export interface AmazonOrderPollerOptions {
  readonly api: SpApiOrdersPort;
  readonly cursors: CursorStore;
  readonly emit: EmitBatch;
  readonly context: Omit<AdapterContext, 'receivedAt'>;
  /** Where a first-ever poll starts (ISO 8601). */
  readonly initialWatermark: string;
  /** Re-read this far below the watermark to catch updates Amazon makes visible late. Default 10 min. */
  readonly overlapMs?: number;
  /** SP-API refuses LastUpdatedBefore later than now − 2 min. Default 2 min. */
  readonly settleMs?: number;
  /** Orders per emitted batch (one cursor save each). Default 50. */
  readonly batchSize?: number;
  readonly now?: () => number;
}

export interface PollReport {
  readonly fetched: number;
  readonly alreadyEmitted: number;
  readonly emitted: number;
  readonly batches: number;
  readonly cursor: AmazonPollCursor;
}

interface Candidate {
  readonly id: string;
  readonly updatedAt: number;
  readonly lastUpdateDate: string;
  readonly status: string | null;
  readonly order: unknown;
}

const NO_ITEMS_NEEDED = new Set(['Pending', 'PendingAvailability', 'Unfulfillable']);

/**
 * Polls getOrders by LastUpdatedAfter and emits every order version once, in LastUpdateDate order.
 *
 * Guarantees: the cursor only moves after `emit` resolved for a batch, so a crash never skips an
 * order; versions already acknowledged (inside the overlap window) are filtered by
 * AmazonOrderId+LastUpdateDate, so a restart does not re-emit them. A crash between an
 * acknowledged emit and the cursor save re-emits that one batch on restart with identical events
 * (same eventIds), which order-ingest suppresses: at-least-once delivery, exactly-once effect.
 */
export class AmazonOrderPoller {
  private readonly adapter = new AmazonOrderAdapter();
  private readonly overlapMs: number;
  private readonly settleMs: number;
  private readonly batchSize: number;
  private readonly now: () => number;

  constructor(private readonly options: AmazonOrderPollerOptions) {
    this.overlapMs = options.overlapMs ?? 10 * 60_000;
    this.settleMs = options.settleMs ?? 2 * 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.now = options.now ?? Date.now;
    if (this.batchSize < 1) throw new Error('batchSize must be at least 1');
    if (Number.isNaN(Date.parse(options.initialWatermark))) throw new Error('initialWatermark is not an ISO timestamp');
  }

  async pollOnce(): Promise<PollReport> {
    let cursor = (await this.options.cursors.load()) ?? { watermark: this.options.initialWatermark, seen: [] };
    const watermarkMs = Date.parse(cursor.watermark);
    const before = this.now() - this.settleMs;
    const after = watermarkMs - this.overlapMs;
    if (before <= after) return { fetched: 0, alreadyEmitted: 0, emitted: 0, batches: 0, cursor };

    const fetched = await this.fetchWindow(new Date(after).toISOString(), new Date(before).toISOString());
    const seen = new Set(cursor.seen);
    const fresh = new Map<string, Candidate>();
    for (const candidate of fetched) {
      const key = seenKey(candidate);
      if (!seen.has(key)) fresh.set(key, candidate);
    }
    const ordered = [...fresh.values()].sort((a, b) => a.updatedAt - b.updatedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    let batches = 0;
    for (let start = 0; start < ordered.length; start += this.batchSize) {
      const chunk = ordered.slice(start, start + this.batchSize);
      const batch: PolledOrder[] = [];
      for (const candidate of chunk) batch.push(await this.toPolledOrder(candidate));
      await this.options.emit(batch);
      cursor = advance(cursor, chunk, this.overlapMs);
      await this.options.cursors.save(cursor);
      batches += 1;
    }
    return { fetched: fetched.length, alreadyEmitted: fetched.length - ordered.length, emitted: ordered.length, batches, cursor };
  }

  private async fetchWindow(lastUpdatedAfter: string, lastUpdatedBefore: string): Promise<Candidate[]> {
    const candidates: Candidate[] = [];
    let nextToken: string | null = null;
    do {
      const response: GetOrdersResponse = await this.options.api.getOrders({ lastUpdatedAfter, lastUpdatedBefore, nextToken });
      if (!response.payload) throw new Error(`getOrders failed: ${JSON.stringify(response.errors ?? 'no payload')}`);
      for (const order of response.payload.Orders) candidates.push(toCandidate(order, lastUpdatedAfter));
      nextToken = response.payload.NextToken ?? null;
    } while (nextToken !== null);
    return candidates;
  }

  private async toPolledOrder(candidate: Candidate): Promise<PolledOrder> {
    const items: unknown[] = [];
    if (candidate.status !== null && !NO_ITEMS_NEEDED.has(candidate.status) && /^\d{3}-\d{7}-\d{7}$/.test(candidate.id)) {
      let nextToken: string | null = null;
      do {
        const response: GetOrderItemsResponse = await this.options.api.getOrderItems(candidate.id, nextToken);
        if (!response.payload) throw new Error(`getOrderItems(${candidate.id}) failed: ${JSON.stringify(response.errors ?? 'no payload')}`);
        items.push(...response.payload.OrderItems);
        nextToken = response.payload.NextToken ?? null;
      } while (nextToken !== null);
    }
    const [outcome] = this.adapter.adapt({ order: candidate.order, items }, { ...this.options.context, receivedAt: this.now() }).outcomes;
    if (!outcome) throw new Error(`no outcome for Amazon order ${candidate.id}`);
    return { amazonOrderId: candidate.id, lastUpdateDate: candidate.lastUpdateDate, outcome };
  }
}

function toCandidate(order: unknown, windowStart: string): Candidate {
  const record = isRecord(order) ? order : {};
  const id = typeof record['AmazonOrderId'] === 'string' ? record['AmazonOrderId'] : 'unknown';
  const lastUpdateDate = typeof record['LastUpdateDate'] === 'string' ? record['LastUpdateDate'] : '';
  const parsed = Date.parse(lastUpdateDate);
  // An entry without a usable LastUpdateDate still gets mapped (and rejected) rather than dropped;
  // it sorts to the window start so it never drags the watermark forward.
  return {
    id,
    updatedAt: Number.isNaN(parsed) ? Date.parse(windowStart) : parsed,
    lastUpdateDate: Number.isNaN(parsed) ? windowStart : lastUpdateDate,
    status: typeof record['OrderStatus'] === 'string' ? record['OrderStatus'] : null,
    order,
  };
}

function seenKey(candidate: Pick<Candidate, 'id' | 'updatedAt'>): string {
  return `${candidate.id}@${candidate.updatedAt}`;
}

function advance(cursor: AmazonPollCursor, chunk: readonly Candidate[], overlapMs: number): AmazonPollCursor {
  const watermarkMs = Math.max(Date.parse(cursor.watermark), ...chunk.map((c) => c.updatedAt));
  const floor = watermarkMs - overlapMs;
  const keep = (key: string) => Number(key.slice(key.lastIndexOf('@') + 1)) >= floor;
  const seen = [...new Set([...cursor.seen, ...chunk.map(seenKey)])].filter(keep).sort();
  return { watermark: new Date(watermarkMs).toISOString(), seen };
}
