import type { InboundSupply, InventoryPosition } from '@crossdock/contracts';
import { mergeStockPositions } from '../sellable/stock-position.merger';
import type { LocationStock, PositionFigures, PositionSource, SkuLocationPositions } from '../sellable/stock.types';
import { validatePosition, type PositionRejection } from './position.validator';

export type PositionApplyOutcome =
  | { readonly status: 'APPLIED'; readonly previousVersion: number | null }
  /** Late or redelivered: the cache already holds this version or a newer one. Not an error. */
  | {
      readonly status: 'IGNORED';
      readonly reason: 'STALE_VERSION' | 'DUPLICATE_VERSION';
      readonly heldVersion: number;
    }
  /** Invalid input: dead-letter it; the cache is untouched. */
  | { readonly status: 'REJECTED'; readonly rejection: PositionRejection };

export interface PositionCacheOptions {
  /** Locations from the channel rules; positions elsewhere are rejected as UNKNOWN_LOCATION. */
  readonly isKnownLocation: (locationId: string) => boolean;
  /** SKU-locations to allocate for up front; a rebuild that knows its size avoids regrowth. */
  readonly initialCapacity?: number | undefined;
}

export interface PositionCacheStats {
  readonly skus: number;
  readonly skuLocations: number;
  readonly erpPositions: number;
  readonly wmsPositions: number;
  readonly capacity: number;
}

const NONE = -1;
const SOURCES: readonly PositionSource[] = ['ERP', 'WMS'];
const NO_INBOUND: readonly InboundSupply[] = [];
const MAX_INTERNED_SMALL = 0xffff;

/**
 * Latest ERP and WMS position per SKU-location, in memory, for a million SKU-locations and more.
 *
 * Why the layout: a million positions as plain objects cost ~400–600 bytes each (object headers,
 * per-record strings, the inbound array, a Map entry keyed by "sku@location"). Here every figure
 * lives in a typed array indexed by slot, SKU, location and source-system strings are interned
 * once, the rare inbound lists live in a sparse map, and a SKU's locations are a linked list
 * threaded through an Int32Array, so "all locations of this SKU" is a short walk with no per-key
 * string. ~100 bytes per SKU-location plus the SKU string.
 *
 * Ordering: a record is applied only if its version is greater than the held one (the contract's
 * rule). asOf is deliberately not a tie-break: the version already is "source sequence, or asOf
 * with a tie-breaker", and a second tie-break here could disagree with what compaction keeps, so
 * a rebuilt cache could differ from a live one. An equal version is a redelivery and is ignored.
 * Tombstones remove the position but keep its version as a watermark, so a late older record
 * cannot resurrect it.
 */
export class PositionCache {
  private readonly isKnownLocation: (locationId: string) => boolean;
  private readonly skuIds = new Map<string, number>();
  private readonly skuNames: string[] = [];
  private readonly locationIds = new Map<string, number>();
  private readonly locationNames: string[] = [];
  private readonly sourceSystemIds = new Map<string, number>();
  private readonly sourceSystemNames: string[] = [];
  private readonly inbound: [Map<number, readonly InboundSupply[]>, Map<number, readonly InboundSupply[]>] = [new Map(), new Map()];
  private readonly presentCount = [0, 0];

  private capacity: number;
  private slots = 0;
  private skuHead: Int32Array;
  private slotLocation: Uint16Array;
  private slotNext: Int32Array;
  /** bit 2s: source s present; bit 2s+1: source s has a version watermark. */
  private flags: Uint8Array;
  private onHand: [Float64Array, Float64Array];
  private allocated: [Float64Array, Float64Array];
  private qualityHold: [Float64Array, Float64Array];
  private asOf: [Float64Array, Float64Array];
  private version: [Float64Array, Float64Array];
  private sourceSystem: [Uint16Array, Uint16Array];

  constructor(options: PositionCacheOptions) {
    this.isKnownLocation = options.isKnownLocation;
    this.capacity = Math.max(16, options.initialCapacity ?? 1024);
    this.skuHead = new Int32Array(this.capacity).fill(NONE);
    this.slotLocation = new Uint16Array(this.capacity);
    this.slotNext = new Int32Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.onHand = [new Float64Array(this.capacity), new Float64Array(this.capacity)];
    this.allocated = [new Float64Array(this.capacity), new Float64Array(this.capacity)];
    this.qualityHold = [new Float64Array(this.capacity), new Float64Array(this.capacity)];
    this.asOf = [new Float64Array(this.capacity), new Float64Array(this.capacity)];
    this.version = [new Float64Array(this.capacity), new Float64Array(this.capacity)];
    this.sourceSystem = [new Uint16Array(this.capacity), new Uint16Array(this.capacity)];
  }

  /** Applies one record from the ERP or WMS position topic. */
  apply(source: PositionSource, position: InventoryPosition): PositionApplyOutcome {
    const rejection = validatePosition(position, this.isKnownLocation);
    if (rejection) return { status: 'REJECTED', rejection };
    const s = sourceIndex(source);
    const slot = this.findOrCreateSlot(position.sku, position.locationId);
    const flags = this.flags[slot] ?? 0;
    const hasWatermark = (flags & watermarkBit(s)) !== 0;
    const heldVersion = hasWatermark ? (this.version[s][slot] ?? 0) : null;
    if (heldVersion !== null && position.version <= heldVersion) {
      return {
        status: 'IGNORED',
        reason: position.version === heldVersion ? 'DUPLICATE_VERSION' : 'STALE_VERSION',
        heldVersion,
      };
    }
    if ((flags & presentBit(s)) === 0) this.presentCount[s] = (this.presentCount[s] ?? 0) + 1;
    this.flags[slot] = flags | presentBit(s) | watermarkBit(s);
    this.onHand[s][slot] = position.onHand;
    this.allocated[s][slot] = position.allocated;
    this.qualityHold[s][slot] = position.qualityHold;
    this.asOf[s][slot] = position.asOf;
    this.version[s][slot] = position.version;
    this.sourceSystem[s][slot] = intern(this.sourceSystemIds, this.sourceSystemNames, position.sourceSystem, MAX_INTERNED_SMALL);
    if (position.inbound.length > 0) this.inbound[s].set(slot, position.inbound);
    else this.inbound[s].delete(slot);
    return { status: 'APPLIED', previousVersion: heldVersion };
  }

  /** Applies a tombstone (null value) from a position topic; false when nothing was held. */
  remove(source: PositionSource, sku: string, locationId: string): boolean {
    const slot = this.findSlot(sku, locationId);
    if (slot === NONE) return false;
    const s = sourceIndex(source);
    const flags = this.flags[slot] ?? 0;
    if ((flags & presentBit(s)) === 0) return false;
    this.flags[slot] = flags & ~presentBit(s);
    this.presentCount[s] = (this.presentCount[s] ?? 1) - 1;
    this.inbound[s].delete(slot);
    return true;
  }

  get(source: PositionSource, sku: string, locationId: string): PositionFigures | undefined {
    const slot = this.findSlot(sku, locationId);
    return slot === NONE ? undefined : this.figures(sourceIndex(source), slot);
  }

  /** Every SKU ever seen, e.g. to recompute all figures after the channel rules change. */
  skus(): readonly string[] {
    return this.skuNames;
  }

  hasSku(sku: string): boolean {
    return this.positionsOf(sku).length > 0;
  }

  /** Every location of the SKU with at least one current position. */
  positionsOf(sku: string): SkuLocationPositions[] {
    const skuId = this.skuIds.get(sku);
    if (skuId === undefined) return [];
    const result: SkuLocationPositions[] = [];
    for (let slot = this.skuHead[skuId] ?? NONE; slot !== NONE; slot = this.slotNext[slot] ?? NONE) {
      const erp = this.figures(0, slot);
      const wms = this.figures(1, slot);
      if (!erp && !wms) continue;
      result.push({
        sku,
        locationId: this.locationNames[this.slotLocation[slot] ?? 0] ?? '',
        erp,
        wms,
      });
    }
    return result;
  }

  /** Merged stock of every location of the SKU: the sellable calculator's input. */
  stockOf(sku: string): LocationStock[] {
    const stock: LocationStock[] = [];
    for (const positions of this.positionsOf(sku)) {
      const merged = mergeStockPositions(positions);
      if (merged) stock.push(merged);
    }
    return stock;
  }

  /** Positions held from one source; cheap enough to ask on every batch (stats() allocates). */
  count(source: PositionSource): number {
    return this.presentCount[sourceIndex(source)] ?? 0;
  }

  stats(): PositionCacheStats {
    return {
      skus: this.skuNames.length,
      skuLocations: this.slots,
      erpPositions: this.presentCount[0] ?? 0,
      wmsPositions: this.presentCount[1] ?? 0,
      capacity: this.capacity,
    };
  }

  private figures(s: 0 | 1, slot: number): PositionFigures | undefined {
    if (((this.flags[slot] ?? 0) & presentBit(s)) === 0) return undefined;
    return {
      onHand: this.onHand[s][slot] ?? 0,
      allocated: this.allocated[s][slot] ?? 0,
      qualityHold: this.qualityHold[s][slot] ?? 0,
      inbound: this.inbound[s].get(slot) ?? NO_INBOUND,
      asOf: this.asOf[s][slot] ?? 0,
      version: this.version[s][slot] ?? 0,
      sourceSystem: this.sourceSystemNames[this.sourceSystem[s][slot] ?? 0] ?? '',
    };
  }

  private findSlot(sku: string, locationId: string): number {
    const skuId = this.skuIds.get(sku);
    const locationIndex = this.locationIds.get(locationId);
    if (skuId === undefined || locationIndex === undefined) return NONE;
    for (let slot = this.skuHead[skuId] ?? NONE; slot !== NONE; slot = this.slotNext[slot] ?? NONE) {
      if (this.slotLocation[slot] === locationIndex) return slot;
    }
    return NONE;
  }

  private findOrCreateSlot(sku: string, locationId: string): number {
    const existing = this.findSlot(sku, locationId);
    if (existing !== NONE) return existing;
    const skuId = intern(this.skuIds, this.skuNames, sku, 0x7fffffff);
    const locationIndex = intern(this.locationIds, this.locationNames, locationId, MAX_INTERNED_SMALL);
    if (this.slots === this.capacity || skuId >= this.skuHead.length) this.grow();
    const slot = this.slots++;
    this.slotLocation[slot] = locationIndex;
    this.slotNext[slot] = this.skuHead[skuId] ?? NONE;
    this.skuHead[skuId] = slot;
    return slot;
  }

  // Doubling keeps a 1M rebuild to ~10 copies; a caller that knows the size passes initialCapacity.
  private grow(): void {
    const capacity = this.capacity * 2;
    this.skuHead = growInt32(this.skuHead, capacity, NONE);
    this.slotNext = growInt32(this.slotNext, capacity, 0);
    this.slotLocation = copyInto(new Uint16Array(capacity), this.slotLocation);
    this.flags = copyInto(new Uint8Array(capacity), this.flags);
    this.onHand = [growFloat(this.onHand[0], capacity), growFloat(this.onHand[1], capacity)];
    this.allocated = [growFloat(this.allocated[0], capacity), growFloat(this.allocated[1], capacity)];
    this.qualityHold = [growFloat(this.qualityHold[0], capacity), growFloat(this.qualityHold[1], capacity)];
    this.asOf = [growFloat(this.asOf[0], capacity), growFloat(this.asOf[1], capacity)];
    this.version = [growFloat(this.version[0], capacity), growFloat(this.version[1], capacity)];
    this.sourceSystem = [copyInto(new Uint16Array(capacity), this.sourceSystem[0]), copyInto(new Uint16Array(capacity), this.sourceSystem[1])];
    this.capacity = capacity;
  }
}

function sourceIndex(source: PositionSource): 0 | 1 {
  return source === SOURCES[0] ? 0 : 1;
}

function presentBit(s: 0 | 1): number {
  return 1 << (2 * s);
}

function watermarkBit(s: 0 | 1): number {
  return 1 << (2 * s + 1);
}

function intern(ids: Map<string, number>, names: string[], value: string, max: number): number {
  const existing = ids.get(value);
  if (existing !== undefined) return existing;
  if (names.length >= max) throw new RangeError(`more than ${max} distinct values to intern`);
  ids.set(value, names.length);
  names.push(value);
  return names.length - 1;
}

function growInt32(source: Int32Array, capacity: number, fill: number): Int32Array {
  const grown = new Int32Array(capacity).fill(fill);
  grown.set(source);
  return grown;
}

function growFloat(source: Float64Array, capacity: number): Float64Array {
  return copyInto(new Float64Array(capacity), source);
}

function copyInto<T extends Uint8Array | Uint16Array | Float64Array>(target: T, source: T): T {
  target.set(source);
  return target;
}
