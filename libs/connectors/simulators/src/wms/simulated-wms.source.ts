import { keptAt } from '../core/assortment';
import type { WmsInventoryRecord } from '@crossdock/connectors/domain';
import { ChangeFeedTable, type WireChange } from '../core/change-feed.table';
import { SimulatedFeedSource, type SimulatedSourceOptions } from '../core/simulated-feed.source';
import { SeededRandom } from '../core/seeded-random';
import { skuCatalog } from '../core/sku-catalog';
import { WmsFulfilmentDesk, type AutoFulfilment } from './wms-fulfilment.desk';

/** WMS facility ids of the simulated distributor's two warehouses and its 3PL. */
export const WmsFacilities = { reno: 'RNO1', atlanta: 'ATL1', dallas3pl: 'DAL3' } as const;

/** The wms-connector's WMS_FACILITY_MAP for this simulator. */
export const SIMULATED_WMS_FACILITY_MAP = 'RNO1=DC-RENO:WAREHOUSE,ATL1=DC-ATLANTA:WAREHOUSE,DAL3=3PL-DALLAS:THIRD_PARTY_LOGISTICS';

export type HoldReason = WmsInventoryRecord['holds'][number]['reason'];
export type BadWmsRecord = 'MISSING_SKU' | 'NEGATIVE_ON_HAND' | 'UNKNOWN_WAREHOUSE';

/**
 * `itemCount` SKUs stocked, the same catalog as the ERP simulator's for the same seed;
 * `autoFulfilment` has the WMS pick, pack and ship released requests by itself (the demo).
 */
export interface SimulatedWmsOptions extends SimulatedSourceOptions {
  readonly autoFulfilment?: AutoFulfilment | undefined;
}

/** The facilities this WMS runs (the 3PL's stock is reported through it, but the 3PL ships by EDI). */
const OPERATED_FACILITIES: readonly string[] = [WmsFacilities.reno, WmsFacilities.atlanta];

const HOUR_MS = 3_600_000;

/**
 * A WMS/3PL as the wms-connector sees it: inventory per SKU and facility (physical count,
 * allocations to orders, quality holds, expected ASNs) as a change feed. Allocations and holds
 * move by hand or by `tick`; deterministic for a seed. Its fulfilment desk takes the hub's
 * fulfilment requests and reports picks, packs and shipments on the `shipments` change feed;
 * shipping lowers the physical count (allocations are the hub's reservations, not the WMS's).
 */
export class SimulatedWmsSource extends SimulatedFeedSource {
  readonly inventory: ChangeFeedTable;
  /** PICK_CONFIRMED / PACK_CONFIRMED / SHIP_CONFIRMED events, keyed by event id. */
  readonly shipments: ChangeFeedTable;
  readonly fulfilment: WmsFulfilmentDesk;
  private asnNumber = 50_000;

  constructor(options: SimulatedWmsOptions = {}) {
    // Not the ERP's stream: the two systems' figures differ, as they do in real life.
    super(options, (seed) => seed ^ 0x77a5);
    this.inventory = new ChangeFeedTable(this.sequence);
    this.shipments = new ChangeFeedTable(this.sequence);
    const weights = new Map(skuCatalog(this.catalogSeed, this.itemCount).map((item) => [item.sku, item.weightKg]));
    this.fulfilment = new WmsFulfilmentDesk(
      {
        facilities: OPERATED_FACILITIES,
        clock: this.clock,
        // Its own stream, so shipping does not shift the inventory's random activity.
        random: new SeededRandom(this.catalogSeed ^ 0x5417),
        pickable: (sku, facilityId) => {
          const row = this.position(sku, facilityId);
          return row && row.physicalQty - row.holds.reduce((sum, hold) => sum + hold.qty, 0);
        },
        shipped: (sku, facilityId, qty) => this.shipOut(sku, facilityId, qty),
        weightKg: (sku) => weights.get(sku) ?? 1,
      },
      this.shipments,
      options.autoFulfilment,
    );
    this.seed(this.catalogSeed, this.itemCount);
  }

  position(sku: string, facilityId: string): WmsInventoryRecord | undefined {
    return this.inventory.current(positionKey(sku, facilityId))?.['record'] as WmsInventoryRecord | undefined;
  }

  /** Every current position (SKU-facility) of real SKUs. */
  positions(): WmsInventoryRecord[] {
    return this.inventory
      .keys()
      .filter((key) => !key.startsWith('#'))
      .sort()
      .map((key) => this.inventory.current(key)?.['record'] as WmsInventoryRecord);
  }

  /** Creates or changes a position; any numbers, so tests can write what a WMS might send. */
  setPosition(sku: string, facilityId: string, patch: Partial<Omit<WmsInventoryRecord, 'sku' | 'facilityId' | 'sequence' | 'updatedAt'>>): WmsInventoryRecord {
    return this.positionChange(sku, facilityId, patch)['record'] as WmsInventoryRecord;
  }

  /** Stock allocated to an order (picked later). */
  allocate(sku: string, facilityId: string, qty: number): WmsInventoryRecord {
    const row = this.require(sku, facilityId);
    return this.setPosition(sku, facilityId, { allocatedQty: row.allocatedQty + qty });
  }

  release(sku: string, facilityId: string, qty: number): WmsInventoryRecord {
    const row = this.require(sku, facilityId);
    return this.setPosition(sku, facilityId, { allocatedQty: Math.max(0, row.allocatedQty - qty) });
  }

  /** Allocated stock leaves the building. */
  ship(sku: string, facilityId: string, qty: number): WmsInventoryRecord {
    const row = this.require(sku, facilityId);
    const shipped = Math.min(qty, row.allocatedQty);
    return this.setPosition(sku, facilityId, { physicalQty: row.physicalQty - shipped, allocatedQty: row.allocatedQty - shipped });
  }

  /** Units of a fulfilment request left the building: only the physical count drops. */
  shipOut(sku: string, facilityId: string, qty: number): WmsInventoryRecord {
    const row = this.require(sku, facilityId);
    return this.setPosition(sku, facilityId, { physicalQty: row.physicalQty - qty });
  }

  hold(sku: string, facilityId: string, qty: number, reason: HoldReason = 'QC'): WmsInventoryRecord {
    const row = this.require(sku, facilityId);
    const others = row.holds.filter((h) => h.reason !== reason);
    const current = row.holds.find((h) => h.reason === reason)?.qty ?? 0;
    return this.setPosition(sku, facilityId, { holds: [...others, { reason, qty: current + qty }] });
  }

  releaseHold(sku: string, facilityId: string, reason?: HoldReason): WmsInventoryRecord {
    const row = this.require(sku, facilityId);
    return this.setPosition(sku, facilityId, { holds: reason === undefined ? [] : row.holds.filter((h) => h.reason !== reason) });
  }

  /** An ASN announced by a supplier: inbound supply due in `etaHours`. */
  expectAsn(sku: string, facilityId: string, qty: number, etaHours: number | null): string {
    const row = this.require(sku, facilityId);
    const asnNumber = `ASN-${++this.asnNumber}`;
    this.setPosition(sku, facilityId, {
      inboundAsns: [...row.inboundAsns, { asnNumber, qty, eta: etaHours === null ? null : new Date(this.clock() + etaHours * HOUR_MS).toISOString() }],
    });
    return asnNumber;
  }

  /** The ASN arrived: its quantity moves into the physical count. */
  receiveAsn(sku: string, facilityId: string, asnNumber: string): WmsInventoryRecord {
    const row = this.require(sku, facilityId);
    const asn = row.inboundAsns.find((a) => a.asnNumber === asnNumber);
    if (!asn) throw new Error(`no ASN ${asnNumber} for ${sku} at ${facilityId}`);
    return this.setPosition(sku, facilityId, {
      physicalQty: row.physicalQty + asn.qty,
      inboundAsns: row.inboundAsns.filter((a) => a !== asn),
    });
  }

  /** The SKU is no longer kept at the facility. */
  remove(sku: string, facilityId: string): void {
    const deleted = this.inventory.delete(positionKey(sku, facilityId), (seq) => ({ seq, op: 'DELETE', sku, facilityId, record: null }));
    if (!deleted) throw new Error(`no position ${sku} at ${facilityId}`);
  }

  /** Writes a record the connector must refuse, returning its change. */
  injectBadRecord(kind: BadWmsRecord, sku = this.positions()[0]?.sku ?? 'UNKNOWN'): WireChange {
    switch (kind) {
      case 'MISSING_SKU':
        return this.inventory.upsert(`#blank-${this.headSeq() + 1}`, (seq) => ({
          seq,
          op: 'UPSERT',
          sku: '',
          facilityId: WmsFacilities.reno,
          record: { ...this.blank('', WmsFacilities.reno), physicalQty: 5, sequence: seq },
        }));
      case 'NEGATIVE_ON_HAND':
        return this.positionChange(sku, WmsFacilities.reno, { physicalQty: -this.random.int(1, 25) });
      case 'UNKNOWN_WAREHOUSE':
        return this.positionChange(sku, 'XX9', { physicalQty: this.random.int(1, 50) });
      default:
        throw new Error(`unknown bad record kind ${String(kind)} (MISSING_SKU, NEGATIVE_ON_HAND or UNKNOWN_WAREHOUSE)`);
    }
  }

  /** `events` random warehouse movements (allocations, shipments, holds, releases); returns what happened. */
  tick(events = 1): string[] {
    const happened: string[] = [];
    const positions = this.positions().filter((p) => Object.values<string>(WmsFacilities).includes(p.facilityId));
    for (let i = 0; i < events && positions.length > 0; i++) {
      const { sku, facilityId } = this.random.pick(positions);
      const row = this.require(sku, facilityId);
      const free = Math.max(0, row.physicalQty - row.allocatedQty);
      const roll = this.random.next();
      if (roll < 0.4 && free > 0) {
        const qty = this.random.int(1, Math.min(free, 12));
        this.allocate(sku, facilityId, qty);
        happened.push(`allocate ${sku}@${facilityId} ${qty}`);
      } else if (roll < 0.7 && row.allocatedQty > 0) {
        const qty = this.random.int(1, row.allocatedQty);
        this.ship(sku, facilityId, qty);
        happened.push(`ship ${sku}@${facilityId} ${qty}`);
      } else if (roll < 0.85 && free > 0) {
        const qty = this.random.int(1, Math.min(free, 5));
        this.hold(sku, facilityId, qty, this.random.pick<HoldReason>(['QC', 'DAMAGE', 'QUARANTINE']));
        happened.push(`hold ${sku}@${facilityId} ${qty}`);
      } else {
        this.releaseHold(sku, facilityId);
        happened.push(`release holds ${sku}@${facilityId}`);
      }
    }
    return happened;
  }

  private seed(seed: number, itemCount: number): void {
    for (const [index, entry] of skuCatalog(seed, itemCount).entries()) {
      for (const [facility, site] of [
        [WmsFacilities.reno, 'reno'],
        [WmsFacilities.atlanta, 'atlanta'],
        [WmsFacilities.dallas3pl, 'dallas3pl'],
      ] as const) {
        if (!keptAt(seed, index, site)) continue;
        const physicalQty = this.random.int(0, 400);
        this.setPosition(entry.sku, facility, {
          physicalQty,
          allocatedQty: this.random.int(0, Math.floor(physicalQty / 4)),
          holds: this.random.chance(0.1) ? [{ reason: 'QC', qty: this.random.int(1, 6) }] : [],
          inboundAsns: this.random.chance(0.15)
            ? [
                {
                  asnNumber: `ASN-${++this.asnNumber}`,
                  qty: this.random.int(12, 144),
                  eta: new Date(this.clock() + this.random.int(4, 96) * HOUR_MS).toISOString(),
                },
              ]
            : [],
        });
      }
    }
  }

  private positionChange(sku: string, facilityId: string, patch: Partial<WmsInventoryRecord>): WireChange {
    const base = this.position(sku, facilityId) ?? this.blank(sku, facilityId);
    return this.inventory.upsert(positionKey(sku, facilityId), (seq) => ({
      seq,
      op: 'UPSERT',
      sku,
      facilityId,
      record: { ...base, ...patch, sku, facilityId, updatedAt: new Date(this.clock()).toISOString(), sequence: seq },
    }));
  }

  private blank(sku: string, facilityId: string): WmsInventoryRecord {
    return {
      sku,
      facilityId,
      uom: 'EA',
      physicalQty: 0,
      allocatedQty: 0,
      holds: [],
      inboundAsns: [],
      updatedAt: new Date(this.clock()).toISOString(),
      sequence: 0,
    };
  }

  private require(sku: string, facilityId: string): WmsInventoryRecord {
    const row = this.position(sku, facilityId);
    if (!row) throw new Error(`no position ${sku} at ${facilityId}`);
    return row;
  }
}

function positionKey(sku: string, facilityId: string): string {
  return `${sku}|${facilityId}`;
}
