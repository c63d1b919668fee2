import { messageKey, Topics, type InboundSupply, type InventoryPosition } from '@crossdock/contracts';
import { keyPart, mapChange, requiredId } from './change-envelope';
import type { LocationMap } from './location-map';
import { reject, RejectionReason, type FeedMapper } from './mapping-outcome';
import { hubLocation, onHand, sortInbound } from './position-rules';
import { arrayAt, isObject, optionalTimestamp, quantity, text, timestamp, version, type SourceObject } from './source-fields';

export interface WmsInventoryMapperOptions {
  readonly sourceSystem: string;
  /** WMS facility id -> hub location. */
  readonly locations: LocationMap;
}

/**
 * WMS inventory row -> InventoryPosition on `Topics.wmsInventoryPositions`: physical count,
 * allocations, all holds summed into `qualityHold`, open ASNs as inbound. A deleted row becomes a
 * tombstone.
 */
export function wmsInventoryMapper({ sourceSystem, locations }: WmsInventoryMapperOptions): FeedMapper<InventoryPosition> {
  return (change) =>
    mapChange<InventoryPosition>(
      change,
      (keys) => `${keyPart(keys, 'sku', '(missing sku)')}@${keyPart(keys, 'facilityId', '(missing facilityId)')}`,
      ({ seq, op, keys, record }) => {
        if (op === 'DELETE' || record === null) {
          const sku = requiredId(keys, 'sku', RejectionReason.MissingSku);
          const facilityId = requiredId(keys, 'facilityId', RejectionReason.UnknownWarehouse);
          const { locationId } = hubLocation(locations, facilityId, 'facilityId');
          return { kind: 'delete', sourceKey: `${sku}@${facilityId}`, seq, key: messageKey(Topics.wmsInventoryPositions, { sku, locationId }) };
        }
        const sku = requiredId(record, 'sku', RejectionReason.MissingSku);
        const facilityId = requiredId(record, 'facilityId', RejectionReason.UnknownWarehouse);
        const location = hubLocation(locations, facilityId, 'facilityId');
        const position: InventoryPosition = {
          sku,
          locationId: location.locationId,
          locationType: location.locationType,
          unitOfMeasure: requiredId(record, 'uom', RejectionReason.MissingUnitOfMeasure),
          onHand: onHand(record, 'physicalQty'),
          allocated: quantity(record, 'allocatedQty'),
          qualityHold: holds(record),
          inbound: asns(record),
          sourceSystem,
          asOf: timestamp(record, 'updatedAt'),
          version: version(record, 'sequence'),
        };
        return { kind: 'upsert', sourceKey: `${sku}@${facilityId}`, seq, key: messageKey(Topics.wmsInventoryPositions, position), value: position };
      },
    );
}

function holds(record: SourceObject): number {
  return arrayAt(record, 'holds').reduce<number>((total, hold, index) => {
    const field = `holds.${index}`;
    if (!isObject(hold)) reject(RejectionReason.MalformedChange, field, `${field} is not an object`);
    // Every hold blocks stock whatever its reason (QC, damage, quarantine, or one added later).
    return total + quantity(hold, 'qty', { dotted: `${field}.qty` });
  }, 0);
}

function asns(record: SourceObject): InboundSupply[] {
  const lines = arrayAt(record, 'inboundAsns').map((asn, index): InboundSupply => {
    const field = `inboundAsns.${index}`;
    if (!isObject(asn)) reject(RejectionReason.MalformedChange, field, `${field} is not an object`);
    return {
      quantity: quantity(asn, 'qty', { dotted: `${field}.qty` }),
      expectedAt: optionalTimestamp(asn, 'eta', `${field}.eta`),
      sourceType: 'ADVANCE_SHIP_NOTICE',
      reference: text(asn, 'asnNumber') || null,
    };
  });
  return sortInbound(lines);
}
