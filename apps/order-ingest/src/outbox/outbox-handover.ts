import type { EventOutbox } from '../generated/prisma/client';

/** An outbox row as the relay publishes it. */
export type RelayedEvent = Pick<EventOutbox, 'id' | 'topic' | 'messageKey' | 'eventId' | 'payload' | 'traceparent' | 'correlationId' | 'causationId'>;

/** One statement's events on their way to the relay (`OutboxHandover.reserve`). */
export interface HandoverTicket {
  /** The statement committed these of the reserved events; the relay publishes them without reading them back. */
  committed(rows: readonly RelayedEvent[]): void;
  /** The statement is over: reserved events it did not hand over are left to a scan. Safe to call twice. */
  close(): void;
}

/** What the handover asks of its relay: publish what was handed over, or scan for what was not. */
export interface HandoverListener {
  readyToPublish(): void;
  scanNeeded(): void;
}

/**
 * Events a writer hands to the relay in memory right after its statement commits, so the relay
 * publishes them without a scan. The writer reserves the events' ids BEFORE the statement runs:
 * between its commit and the hand-over a scan could otherwise find and publish them too (twice on
 * the wire), so a scan stops at the first reserved event, which also keeps an order's later event
 * from overtaking it. Only a relay that leads hands over; a new term forgets the old one's.
 *
 * Ready events are published ahead of older unpublished events of OTHER orders, so the writer must
 * only hand over an order's first outcome event (nothing of that order is in the outbox before it).
 */
export class OutboxHandover {
  private term = 0;
  private leading = false;
  private readonly reserved = new Set<string>();
  private readonly ready = new Map<string, RelayedEvent>();

  constructor(private readonly listener: HandoverListener) {}

  lead(): void {
    this.clear(true);
  }

  resign(): void {
    this.clear(false);
  }

  /** Null when this relay does not lead: the events are then found by the leader's scan. */
  reserve(eventIds: readonly string[]): HandoverTicket | null {
    if (!this.leading || eventIds.length === 0) return null;
    const term = this.term;
    for (const id of eventIds) this.reserved.add(id);
    const open = new Set(eventIds);
    return {
      committed: (rows) => {
        if (this.term !== term) return;
        let handed = 0;
        for (const row of rows) {
          if (!open.delete(row.eventId)) continue;
          this.reserved.delete(row.eventId);
          this.ready.set(row.id.toString(), row);
          handed += 1;
        }
        if (handed > 0) this.listener.readyToPublish();
      },
      close: () => {
        if (this.term !== term || open.size === 0) return;
        for (const id of open) this.reserved.delete(id);
        open.clear();
        // Not written (an order changed meanwhile), or written and then not handed over: a scan
        // costs little and finds the latter.
        this.listener.scanNeeded();
      },
    };
  }

  /**
   * Of a scan's rows (in id order), those it may publish now: the ones before the first reserved
   * event. Ready events among them are taken out of the hand-over. `cut`: rows were held back.
   */
  releasable(scanned: readonly RelayedEvent[]): { readonly rows: RelayedEvent[]; readonly cut: boolean } {
    const stop = scanned.findIndex((row) => this.reserved.has(row.eventId));
    const rows = stop < 0 ? [...scanned] : scanned.slice(0, stop);
    for (const row of rows) this.ready.delete(row.id.toString());
    return { rows, cut: stop >= 0 };
  }

  /** Everything handed over and not yet published, in id order. */
  takeReady(): RelayedEvent[] {
    const rows = [...this.ready.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.ready.clear();
    return rows;
  }

  get hasReady(): boolean {
    return this.ready.size > 0;
  }

  private clear(leading: boolean): void {
    this.term += 1;
    this.leading = leading;
    this.reserved.clear();
    this.ready.clear();
  }
}
