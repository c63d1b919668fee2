import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { OBSERVABILITY_LOGGER } from '@crossdock/observability';
import type { ListeningSession } from '@crossdock/persistence';
import { PrismaService } from '../prisma/prisma.service';
import { availabilityMetrics } from './availability.metrics';
import { consumedLinesAt, openTotalsAt, type SkuLocation } from './committed-units.reader';
import { InventoryStateService } from './inventory-state.service';

/** Announced by the database triggers of migration `committed_units_notify`: `["sku","locationId"]`. */
export const COMMITTED_UNITS_CHANNEL = 'availability_committed_units';
const RETRY_MS = 1_000;

/**
 * Keeps the in-memory open reservation totals and consumed units equal to the database, on every
 * instance. Any instance may commit a reservation change or a fulfilment, so an instance cannot
 * follow these by its own writes: the database announces each committed change's SKU-location
 * (LISTEN/NOTIFY, from triggers), and every instance re-reads that SKU-location and replaces what
 * it holds there. Re-reading the authority makes the order of announcements and duplicates
 * irrelevant. The instance that committed hears its own announcement like the others, so its
 * handlers do not wait for a re-read: decisions read the database, and only the published figures
 * and the query answers follow memory, a round trip later. Announcements are lost while the
 * listening connection is down, so each (re)connect first LISTENs and then reloads everything.
 *
 * Re-reads run one round at a time (all SKU-locations announced meanwhile in one query), so a
 * round never overwrites what a later one read.
 */
@Injectable()
export class CommittedUnitsSync implements OnApplicationShutdown {
  private readonly dirty = new Map<string, SkuLocation>();
  private round: Promise<void> | undefined;
  private session: ListeningSession | undefined;
  private reconnect: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly state: InventoryStateService,
    @Inject(OBSERVABILITY_LOGGER) private readonly logger: Logger,
  ) {
    // Announcements heard during the rebuild were held back; its load may predate their commits.
    void this.state.whenRebuilt().then(() => this.kick());
  }

  /**
   * LISTENs, then loads every SKU-location's totals: a change committed after the load began is
   * announced, one committed before it is read. Part of the start-up rebuild; a retried rebuild
   * starts over.
   */
  async start(): Promise<void> {
    this.session?.end();
    const session = await this.prisma.sql.listen(COMMITTED_UNITS_CHANNEL, (payload) => this.announced(payload));
    this.session = session;
    session.onLost(() => this.scheduleReconnect());
    await this.reloadAll();
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    clearTimeout(this.reconnect);
    this.session?.end();
  }

  private announced(payload: string): void {
    try {
      const [sku, locationId] = JSON.parse(payload) as [string, string];
      this.dirty.set(keyOf({ sku, locationId }), { sku, locationId });
      availabilityMetrics.committedUnitsAnnouncements.inc();
    } catch {
      this.logger.warn({ payload }, 'unreadable committed-units announcement ignored');
      return;
    }
    // Announcements during the rebuild wait: the rebuild's own load is newer than their commit.
    if (this.state.isRebuilt()) this.kick();
  }

  private kick(): void {
    this.round ??= this.drain().finally(() => {
      this.round = undefined;
    });
  }

  private async drain(): Promise<void> {
    while (this.dirty.size > 0) {
      const keys = [...this.dirty.values()];
      this.dirty.clear();
      try {
        await this.reread(keys);
      } catch (error) {
        // The database is down: the announced keys stay dirty, and a lost listening session reloads everything anyway.
        for (const key of keys) this.dirty.set(keyOf(key), key);
        this.logger.warn({ err: error, skuLocations: keys.length }, 'committed units not re-read; retrying');
        await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
        if (this.stopped) return;
      }
    }
  }

  private async reread(keys: readonly SkuLocation[]): Promise<void> {
    if (keys.length === 0) return;
    const [open, consumed] = await Promise.all([openTotalsAt(this.prisma.sql, keys), consumedLinesAt(this.prisma.sql, keys)]);
    for (const key of keys) {
      this.state.openReservations.replaceAt(key.sku, key.locationId, open.get(keyOf(key)) ?? []);
      this.state.consumed.replaceAt(key.sku, key.locationId, consumed.get(keyOf(key)) ?? []);
      this.state.settleConsumed(key.sku, key.locationId);
      this.state.inputsChanged(key.sku, [key.locationId]);
    }
    availabilityMetrics.committedUnitsRereads.inc(keys.length);
  }

  private async reloadAll(): Promise<void> {
    const touched = new Map<string, SkuLocation>();
    for (const key of [...this.state.openReservations.skuLocations(), ...this.state.consumed.skuLocations()]) touched.set(keyOf(key), key);
    const [open, consumed] = await Promise.all([openTotalsAt(this.prisma.sql, null), consumedLinesAt(this.prisma.sql, null)]);
    this.state.openReservations.reset([...open.values()].flat());
    this.state.consumed.clear();
    for (const lines of consumed.values()) for (const line of lines) this.state.consumed.put(line);
    availabilityMetrics.rebuildConsumedLines.set(this.state.consumed.size());
    if (!this.state.isRebuilt()) return;
    // After a lost connection: whatever changed while nobody listened is recomputed.
    for (const rows of [...open.values(), ...consumed.values()]) for (const row of rows) touched.set(keyOf(row), row);
    for (const { sku, locationId } of touched.values()) {
      this.state.settleConsumed(sku, locationId);
      this.state.inputsChanged(sku, [locationId]);
    }
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.logger.warn('committed-units listening connection lost; reconnecting and reloading');
    clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => {
      this.start().then(
        () => this.kick(),
        (error: unknown) => {
          this.logger.warn({ err: error }, 'committed-units listener not reconnected; retrying');
          this.scheduleReconnect();
        },
      );
    }, RETRY_MS);
  }
}

function keyOf(key: SkuLocation): string {
  return `${key.sku}\u0000${key.locationId}`;
}
