import type { ErpItemChange, ErpItemRecord, ErpStockChange, ErpStockRecord, WmsInventoryChange, WmsInventoryRecord } from '../feed/feed-wire.schema';

/** Source changes for unit tests, valid unless overridden. */
export function erpItemChange(seq: number, record: Partial<ErpItemRecord> = {}): ErpItemChange {
  const full: ErpItemRecord = {
    itemNumber: 'TENT-ULTRA-2P',
    description: 'Ultralight tent, 2 person',
    baseUom: 'EA',
    alternateUoms: [{ uom: 'CS', factor: 4 }],
    barcodes: ['0012345678905'],
    safetyStockQty: 5,
    status: 'ACTIVE',
    supersededBy: null,
    weightKg: 1.25,
    lastModified: '2026-11-20T10:00:00.000Z',
    rowVersion: seq,
    ...record,
  };
  return { seq, op: 'UPSERT', itemNumber: full.itemNumber, record: full };
}

export function erpStockChange(seq: number, record: Partial<ErpStockRecord> = {}): ErpStockChange {
  const full: ErpStockRecord = {
    itemNumber: 'TENT-ULTRA-2P',
    warehouseCode: '01',
    uom: 'EA',
    onHandQty: 40,
    committedQty: 3,
    openSupply: [],
    lastModified: '2026-11-20T10:00:00.000Z',
    rowVersion: seq,
    ...record,
  };
  return { seq, op: 'UPSERT', itemNumber: full.itemNumber, warehouseCode: full.warehouseCode, record: full };
}

export function wmsInventoryChange(seq: number, record: Partial<WmsInventoryRecord> = {}): WmsInventoryChange {
  const full: WmsInventoryRecord = {
    sku: 'TENT-ULTRA-2P',
    facilityId: 'RNO1',
    uom: 'EA',
    physicalQty: 38,
    allocatedQty: 6,
    holds: [],
    inboundAsns: [],
    updatedAt: '2026-11-20T10:00:00.000Z',
    sequence: seq,
    ...record,
  };
  return { seq, op: 'UPSERT', sku: full.sku, facilityId: full.facilityId, record: full };
}
