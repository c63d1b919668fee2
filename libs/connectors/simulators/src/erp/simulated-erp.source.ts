import { keptAt } from '../core/assortment';
import type { ErpItemRecord, ErpStockRecord } from '@crossdock/connectors/domain';
import type { ErpInvoiceChange, ErpInvoiceDocument, ErpInvoiceRecord } from '@crossdock/erp/domain';
import { ChangeFeedTable, type WireChange } from '../core/change-feed.table';
import { SimulatedFeedSource, type SimulatedSourceOptions } from '../core/simulated-feed.source';
import { gtin13, skuCatalog } from '../core/sku-catalog';

/** ERP warehouse codes of the simulated distributor: two warehouses and an overflow 3PL. */
export const ErpWarehouses = { reno: '01', atlanta: '02', dallas3pl: '90' } as const;

/** The erp-connector's ERP_WAREHOUSE_MAP for this simulator (hub locations of the channel rules). */
export const SIMULATED_ERP_WAREHOUSE_MAP = '01=DC-RENO:WAREHOUSE,02=DC-ATLANTA:WAREHOUSE,90=3PL-DALLAS:THIRD_PARTY_LOGISTICS';

export type BadErpRecord = 'MISSING_SKU' | 'NEGATIVE_ON_HAND' | 'UNKNOWN_WAREHOUSE';

/** `itemCount` SKUs in the item master; the clock gives lastModified and due dates. */
export type SimulatedErpOptions = SimulatedSourceOptions;

const DAY_MS = 86_400_000;

/**
 * An ERP as the erp-connector sees it: an item master, stock per item and warehouse, and billing
 * documents (invoices, credit memos), each readable as a change feed. Seeded with a catalog and stock for two warehouses and a 3PL; stock
 * then moves through receipts, adjustments and commitments (by hand or by `tick`). Everything is
 * deterministic for a seed.
 */
export class SimulatedErpSource extends SimulatedFeedSource {
  readonly items: ChangeFeedTable;
  readonly stock: ChangeFeedTable;
  /** Invoices and credit memos by document number (written by the ERP's billing: see linkErpBooks). */
  readonly invoices: ChangeFeedTable;
  private documentNumber = 10_000;

  constructor(options: SimulatedErpOptions = {}) {
    super(options);
    this.items = new ChangeFeedTable(this.sequence);
    this.stock = new ChangeFeedTable(this.sequence);
    this.invoices = new ChangeFeedTable(this.sequence);
    this.seed(this.catalogSeed, this.itemCount);
  }

  skus(): string[] {
    return this.items
      .keys()
      .filter((key) => !key.startsWith('#'))
      .sort();
  }

  item(sku: string): ErpItemRecord | undefined {
    return this.items.current(sku)?.['record'] as ErpItemRecord | undefined;
  }

  stockRow(sku: string, warehouseCode: string): ErpStockRecord | undefined {
    return this.stock.current(stockKey(sku, warehouseCode))?.['record'] as ErpStockRecord | undefined;
  }

  /** Stock rows of an item, by warehouse code. */
  stockOf(sku: string): ErpStockRecord[] {
    return Object.values(ErpWarehouses)
      .map((warehouse) => this.stockRow(sku, warehouse))
      .filter((row): row is ErpStockRecord => row !== undefined);
  }

  addItem(item: Partial<ErpItemRecord> & { itemNumber: string }): ErpItemRecord {
    if (this.item(item.itemNumber)) throw new Error(`item ${item.itemNumber} exists`);
    return this.writeItem({
      description: item.itemNumber,
      baseUom: 'EA',
      alternateUoms: [],
      barcodes: [],
      safetyStockQty: 0,
      status: 'ACTIVE',
      supersededBy: null,
      weightKg: null,
      ...item,
    });
  }

  updateItem(sku: string, patch: Partial<Omit<ErpItemRecord, 'itemNumber' | 'rowVersion' | 'lastModified'>>): ErpItemRecord {
    return this.writeItem({ ...this.requireItem(sku), ...patch });
  }

  /** Deletes the item and, as the ERP does, its stock rows. */
  deleteItem(sku: string): void {
    this.requireItem(sku);
    for (const row of this.stockOf(sku)) this.deleteStock(sku, row.warehouseCode);
    this.items.delete(sku, (seq) => ({ seq, op: 'DELETE', itemNumber: sku, record: null }));
  }

  /** Sets on-hand (creating the stock row if needed); any number, so tests can write what an ERP allows. */
  setOnHand(sku: string, warehouseCode: string, onHandQty: number): ErpStockRecord {
    return this.writeStock(sku, warehouseCode, { onHandQty });
  }

  setCommitted(sku: string, warehouseCode: string, committedQty: number): ErpStockRecord {
    return this.writeStock(sku, warehouseCode, { committedQty });
  }

  /** Goods receipt: on-hand up; the receipt closes the open PO it matches (or the oldest). */
  receive(sku: string, warehouseCode: string, qty: number, docNumber?: string): ErpStockRecord {
    const row = this.requireStock(sku, warehouseCode);
    const po = row.openSupply.find((line) => line.docType === 'PO' && (docNumber === undefined || line.docNumber === docNumber));
    return this.writeStock(sku, warehouseCode, {
      onHandQty: row.onHandQty + qty,
      openSupply: row.openSupply.filter((line) => line !== po),
    });
  }

  /** Goods issue (shipment): on-hand down by `qty`; a warehouse without a row for the item gets one, below zero if need be. */
  issue(sku: string, warehouseCode: string, qty: number): ErpStockRecord {
    const onHand = this.stockRow(sku, warehouseCode)?.onHandQty ?? 0;
    return this.writeStock(sku, warehouseCode, { onHandQty: onHand - qty });
  }

  /** Posts a billing document to the document feed (a repeat of a number is a new version of it). */
  recordInvoice(document: ErpInvoiceDocument): ErpInvoiceRecord {
    const change = this.invoices.upsert(document.documentNumber, (seq): ErpInvoiceChange & { readonly [field: string]: unknown } => ({
      seq,
      op: 'UPSERT',
      documentNumber: document.documentNumber,
      record: { ...document, lastModified: this.iso(), rowVersion: seq },
    }));
    return change['record'] as ErpInvoiceRecord;
  }

  invoice(documentNumber: string): ErpInvoiceRecord | undefined {
    return this.invoices.current(documentNumber)?.['record'] as ErpInvoiceRecord | undefined;
  }

  /** Inventory adjustment (count correction, scrap): on-hand moves by `delta`. */
  adjust(sku: string, warehouseCode: string, delta: number): ErpStockRecord {
    const row = this.requireStock(sku, warehouseCode);
    return this.writeStock(sku, warehouseCode, { onHandQty: row.onHandQty + delta });
  }

  orderSupply(sku: string, warehouseCode: string, qty: number, dueInDays: number | null, docType: 'PO' | 'TRANSFER' = 'PO'): ErpStockRecord {
    const row = this.requireStock(sku, warehouseCode);
    const line = { docType, docNumber: `${docType}-${++this.documentNumber}`, qty, dueDate: dueInDays === null ? null : this.iso(dueInDays * DAY_MS) };
    return this.writeStock(sku, warehouseCode, { openSupply: [...row.openSupply, line] });
  }

  /** The item is no longer stocked at the warehouse. */
  deleteStock(sku: string, warehouseCode: string): void {
    const deleted = this.stock.delete(stockKey(sku, warehouseCode), (seq) => ({ seq, op: 'DELETE', itemNumber: sku, warehouseCode, record: null }));
    if (!deleted) throw new Error(`no stock row ${sku} at ${warehouseCode}`);
  }

  /**
   * Writes a record the connector must refuse, returning its change: an item without an item
   * number, stock with negative on-hand, or stock at a warehouse code no hub location maps.
   */
  injectBadRecord(kind: BadErpRecord, sku = this.skus()[0] ?? 'UNKNOWN'): WireChange {
    switch (kind) {
      case 'MISSING_SKU':
        // Keyed apart from real rows: the ERP row exists, only its item number is blank.
        return this.items.upsert(`#blank-${this.headSeq() + 1}`, (seq) => ({
          seq,
          op: 'UPSERT',
          itemNumber: '',
          record: { ...this.requireItem(sku), itemNumber: '', rowVersion: seq, lastModified: this.iso() },
        }));
      case 'NEGATIVE_ON_HAND':
        return this.stockChange(sku, ErpWarehouses.reno, { onHandQty: -this.random.int(1, 25) });
      case 'UNKNOWN_WAREHOUSE':
        return this.stockChange(sku, 'ZZ', { onHandQty: this.random.int(1, 50) });
      default:
        throw new Error(`unknown bad record kind ${String(kind)} (MISSING_SKU, NEGATIVE_ON_HAND or UNKNOWN_WAREHOUSE)`);
    }
  }

  /** `events` random stock movements (receipts, adjustments, commitments, item edits); returns what happened. */
  tick(events = 1): string[] {
    const happened: string[] = [];
    for (let i = 0; i < events; i++) {
      const sku = this.random.pick(this.skus());
      const rows = this.stockOf(sku);
      const row = rows.length > 0 ? this.random.pick(rows) : undefined;
      const roll = this.random.next();
      if (!row || roll < 0.1) {
        const safetyStockQty = this.random.int(0, 20);
        this.updateItem(sku, { safetyStockQty });
        happened.push(`item ${sku} safety stock ${safetyStockQty}`);
      } else if (roll < 0.45) {
        const qty = this.random.int(6, 120);
        this.receive(sku, row.warehouseCode, qty);
        happened.push(`receipt ${sku}@${row.warehouseCode} +${qty}`);
      } else if (roll < 0.75) {
        const delta = Math.max(-row.onHandQty, this.random.int(-8, 4));
        this.adjust(sku, row.warehouseCode, delta);
        happened.push(`adjustment ${sku}@${row.warehouseCode} ${delta >= 0 ? '+' : ''}${delta}`);
      } else {
        const committedQty = this.random.int(0, Math.max(0, Math.floor(row.onHandQty / 3)));
        this.setCommitted(sku, row.warehouseCode, committedQty);
        happened.push(`commitment ${sku}@${row.warehouseCode} ${committedQty}`);
      }
    }
    return happened;
  }

  private seed(seed: number, itemCount: number): void {
    for (const [index, entry] of skuCatalog(seed, itemCount).entries()) {
      this.writeItem({
        itemNumber: entry.sku,
        description: entry.description,
        baseUom: 'EA',
        alternateUoms: [{ uom: 'CS', factor: entry.caseSize }],
        barcodes: [gtin13(entry.gtinBody)],
        safetyStockQty: this.random.int(0, 10),
        status: index > 1 && this.random.chance(0.04) ? 'DISCONTINUED' : 'ACTIVE',
        supersededBy: null,
        weightKg: entry.weightKg,
      });
      for (const [warehouse, site] of [
        [ErpWarehouses.reno, 'reno'],
        [ErpWarehouses.atlanta, 'atlanta'],
        [ErpWarehouses.dallas3pl, 'dallas3pl'],
      ] as const) {
        if (!keptAt(seed, index, site)) continue;
        const onHandQty = this.random.int(0, 400);
        this.writeStock(entry.sku, warehouse, {
          onHandQty,
          committedQty: this.random.int(0, Math.floor(onHandQty / 5)),
          openSupply: this.random.chance(0.25)
            ? [{ docType: 'PO', docNumber: `PO-${++this.documentNumber}`, qty: this.random.int(24, 240), dueDate: this.iso(this.random.int(1, 20) * DAY_MS) }]
            : [],
        });
      }
    }
  }

  private writeItem(item: Omit<ErpItemRecord, 'rowVersion' | 'lastModified'>): ErpItemRecord {
    const change = this.items.upsert(item.itemNumber, (seq) => ({
      seq,
      op: 'UPSERT',
      itemNumber: item.itemNumber,
      record: { ...item, lastModified: this.iso(), rowVersion: seq },
    }));
    return change['record'] as ErpItemRecord;
  }

  private writeStock(sku: string, warehouseCode: string, patch: Partial<ErpStockRecord>): ErpStockRecord {
    this.requireItem(sku);
    return this.stockChange(sku, warehouseCode, patch)['record'] as ErpStockRecord;
  }

  private stockChange(sku: string, warehouseCode: string, patch: Partial<ErpStockRecord>): WireChange {
    const current = this.stockRow(sku, warehouseCode);
    const base = current ?? { itemNumber: sku, warehouseCode, uom: this.item(sku)?.baseUom ?? 'EA', onHandQty: 0, committedQty: 0, openSupply: [] };
    return this.stock.upsert(stockKey(sku, warehouseCode), (seq) => ({
      seq,
      op: 'UPSERT',
      itemNumber: sku,
      warehouseCode,
      record: { ...base, ...patch, itemNumber: sku, warehouseCode, lastModified: this.iso(), rowVersion: seq },
    }));
  }

  private requireItem(sku: string): ErpItemRecord {
    const item = this.item(sku);
    if (!item) throw new Error(`no item ${sku} in the ERP`);
    return item;
  }

  private requireStock(sku: string, warehouseCode: string): ErpStockRecord {
    const row = this.stockRow(sku, warehouseCode);
    if (!row) throw new Error(`no stock row ${sku} at ${warehouseCode}`);
    return row;
  }

  private iso(offsetMs = 0): string {
    return new Date(this.clock() + offsetMs).toISOString();
  }
}

function stockKey(sku: string, warehouseCode: string): string {
  return `${sku}|${warehouseCode}`;
}
