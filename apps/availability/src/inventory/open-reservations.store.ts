import type { OpenReservationTotals, OpenReservationsView } from '@crossdock/availability/domain';

const NONE: OpenReservationTotals = { total: 0, byChannel: new Map() };

/**
 * Open reservation totals per SKU-location (and per channel account, for ring-fences), mirrored
 * in memory from the database so published figures subtract them without a query per figure.
 * The database stays the authority for reservation decisions, which re-read totals under a lock.
 */
export class OpenReservationsStore implements OpenReservationsView {
  private readonly totals = new Map<string, { total: number; byChannel: Map<string, number> }>();

  openAt(sku: string, locationId: string): OpenReservationTotals {
    return this.totals.get(key(sku, locationId)) ?? NONE;
  }

  /** Every SKU-location with something open. */
  skuLocations(): Array<{ sku: string; locationId: string }> {
    return [...this.totals.keys()].map((k) => {
      const [sku = '', locationId = ''] = k.split('\u0000');
      return { sku, locationId };
    });
  }

  /** Replaces everything, e.g. with what the database holds at start-up. */
  reset(rows: Iterable<{ sku: string; locationId: string; channelAccountId: string; open: number }>): void {
    this.totals.clear();
    for (const row of rows) this.adjust(row.sku, row.locationId, row.channelAccountId, row.open);
  }

  /** The SKU-location's totals exactly as given (per channel account), in place of what was held there. */
  replaceAt(sku: string, locationId: string, rows: Iterable<{ channelAccountId: string; open: number }>): void {
    this.totals.delete(key(sku, locationId));
    for (const row of rows) this.adjust(sku, locationId, row.channelAccountId, row.open);
  }

  private adjust(sku: string, locationId: string, channelAccountId: string, delta: number): void {
    if (delta === 0) return;
    const k = key(sku, locationId);
    const totals = this.totals.get(k) ?? { total: 0, byChannel: new Map<string, number>() };
    totals.total += delta;
    const channelTotal = (totals.byChannel.get(channelAccountId) ?? 0) + delta;
    if (channelTotal === 0) totals.byChannel.delete(channelAccountId);
    else totals.byChannel.set(channelAccountId, channelTotal);
    if (totals.total === 0) this.totals.delete(k);
    else this.totals.set(k, totals);
  }
}

function key(sku: string, locationId: string): string {
  return `${sku}\u0000${locationId}`;
}
