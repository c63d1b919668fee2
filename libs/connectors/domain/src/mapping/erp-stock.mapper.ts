import { messageKey, Topics, type InboundSupply, type InventoryPosition, type SupplySourceType } from '@crossdock/contracts';
import { keyPart, mapChange, requiredId } from './change-envelope';
import type { LocationMap } from './location-map';
import { reject, RejectionReason, type FeedMapper } from './mapping-outcome';
import { hubLocation, onHand, sortInbound } from './position-rules';
import { arrayAt, isObject, optionalTimestamp, quantity, text, timestamp, version, type SourceObject } from './source-fields';

const SUPPLY_TYPES: Readonly<Record<string, SupplySourceType>> = { PO: 'PURCHASE_ORDER', TRANSFER: 'TRANSFER' };

export interface ErpStockMapperOptions {
  readonly sourceSystem: string;
  /** ERP warehouse code -> hub location. */
  readonly locations: LocationMap;
}

/**
 * ERP stock row -> InventoryPosition on `Topics.erpInventoryPositions`: on-hand, ERP commitments
 * as `allocated`, open purchase orders and transfers as inbound. A deleted row (the item is no
 * longer stocked there) becomes a tombstone, which availability applies as "stops counting".
 */
export function erpStockMapper({ sourceSystem, locations }: ErpStockMapperOptions): FeedMapper<InventoryPosition> {
  return (change) =>
    mapChange<InventoryPosition>(
      change,
      (keys) => `${keyPart(keys, 'itemNumber', '(missing itemNumber)')}@${keyPart(keys, 'warehouseCode', '(missing warehouseCode)')}`,
      ({ seq, op, keys, record }) => {
        if (op === 'DELETE' || record === null) {
          const sku = requiredId(keys, 'itemNumber', RejectionReason.MissingSku);
          const warehouseCode = requiredId(keys, 'warehouseCode', RejectionReason.UnknownWarehouse);
          const { locationId } = hubLocation(locations, warehouseCode, 'warehouseCode');
          return { kind: 'delete', sourceKey: `${sku}@${warehouseCode}`, seq, key: messageKey(Topics.erpInventoryPositions, { sku, locationId }) };
        }
        const sku = requiredId(record, 'itemNumber', RejectionReason.MissingSku);
        const warehouseCode = requiredId(record, 'warehouseCode', RejectionReason.UnknownWarehouse);
        const location = hubLocation(locations, warehouseCode, 'warehouseCode');
        const position: InventoryPosition = {
          sku,
          locationId: location.locationId,
          locationType: location.locationType,
          unitOfMeasure: requiredId(record, 'uom', RejectionReason.MissingUnitOfMeasure),
          onHand: onHand(record, 'onHandQty'),
          allocated: quantity(record, 'committedQty'),
          qualityHold: quantity(record, 'blockedQty'),
          inbound: openSupply(record),
          sourceSystem,
          asOf: timestamp(record, 'lastModified'),
          version: version(record, 'rowVersion'),
        };
        return { kind: 'upsert', sourceKey: `${sku}@${warehouseCode}`, seq, key: messageKey(Topics.erpInventoryPositions, position), value: position };
      },
    );
}

function openSupply(record: SourceObject): InboundSupply[] {
  const lines = arrayAt(record, 'openSupply').map((line, index): InboundSupply => {
    const field = `openSupply.${index}`;
    if (!isObject(line)) reject(RejectionReason.MalformedChange, field, `${field} is not an object`);
    const docType = text(line, 'docType');
    const sourceType = SUPPLY_TYPES[docType];
    if (!sourceType) reject(RejectionReason.UnknownSupplyType, `${field}.docType`, `${field}.docType ${docType || '(empty)'} is not PO or TRANSFER`);
    return {
      quantity: quantity(line, 'qty', { dotted: `${field}.qty` }),
      expectedAt: optionalTimestamp(line, 'dueDate', `${field}.dueDate`),
      sourceType,
      reference: text(line, 'docNumber') || null,
    };
  });
  return sortInbound(lines);
}
