import type { ShippedPackage, WarehouseLine, WarehouseShipment, WarehouseStage } from '@crossdock/contracts';
import { keyPart, mapChange, requiredId } from '../mapping/change-envelope';
import type { LocationMap } from '../mapping/location-map';
import { reject, RejectionReason, type FeedMapper } from '../mapping/mapping-outcome';
import { hubLocation } from '../mapping/position-rules';
import { arrayAt, isObject, optionalText, quantity, text, timestamp, type SourceObject } from '../mapping/source-fields';
import { shipmentFactEventId } from './fact-event-id';
import type { WmsShipmentEventType } from './wms-shipment.record';

export interface WmsShipmentMapperOptions {
  readonly sourceSystem: string;
  /** WMS facility id -> hub location. */
  readonly locations: LocationMap;
  /** When the connector read the fact (observedAt); tests pin it. */
  readonly clock?: () => number;
}

const STAGES: Readonly<Record<WmsShipmentEventType, WarehouseStage>> = {
  PICK_CONFIRMED: 'PICKED',
  PACK_CONFIRMED: 'PACKED',
  SHIP_CONFIRMED: 'SHIPPED',
};

/** The line quantity each event confirms. */
const CONFIRMED_QTY: Readonly<Record<WarehouseStage, string>> = { UNKNOWN: 'qtyPicked', PICKED: 'qtyPicked', PACKED: 'qtyPacked', SHIPPED: 'qtyShipped' };

/**
 * WMS shipment event (pick, pack or ship confirmation) -> WarehouseShipment on `Topics.wmsShipments`.
 * The fact's key is the WMS event id; its eventId is derived from it, so a page read twice carries
 * the same ids. The outcome's `key` is that event id too, so two facts of one order in a page are
 * both kept: the Kafka key (the order id) comes from the contract when it is published.
 * Events are never deleted: a DELETE change is refused, as is anything the hub could not act on
 * (unmapped facility, no order reference, an unknown event type, a shipped carton without tracking).
 */
export function wmsShipmentMapper({ sourceSystem, locations, clock = Date.now }: WmsShipmentMapperOptions): FeedMapper<WarehouseShipment> {
  return (change) =>
    mapChange<WarehouseShipment>(
      change,
      (keys) => keyPart(keys, 'eventId', '(missing eventId)'),
      ({ seq, op, record }) => {
        if (op === 'DELETE' || record === null) reject(RejectionReason.MalformedChange, 'op', 'a shipment event is never deleted');
        const factKey = requiredId(record, 'eventId', RejectionReason.MalformedChange);
        const stage = stageOf(record);
        const location = hubLocation(locations, requiredId(record, 'facilityId', RejectionReason.UnknownWarehouse), 'facilityId');
        const packages = arrayAt(record, 'cartons').map((carton, index) => packageOf(carton, `cartons.${index}`, stage));
        const shipment: WarehouseShipment = {
          eventId: shipmentFactEventId(sourceSystem, factKey),
          factKey,
          source: 'WMS',
          sourceSystem,
          stage,
          orderId: requiredId(record, 'orderRef', RejectionReason.MalformedChange),
          releaseId: optionalText(record, 'externalReference'),
          locationId: location.locationId,
          warehouseOrderRef: optionalText(record, 'requestId'),
          lines: arrayAt(record, 'lines').map((line, index) => lineOf(line, `lines.${index}`, CONFIRMED_QTY[stage])),
          packages,
          shipDate: stage === 'SHIPPED' ? timestamp(record, text(record, 'shipDate') ? 'shipDate' : 'occurredAt') : null,
          occurredAt: timestamp(record, 'occurredAt'),
          observedAt: clock(),
        };
        if (shipment.lines.length === 0) reject(RejectionReason.MalformedChange, 'lines', 'the event confirms no line');
        return { kind: 'upsert', sourceKey: factKey, seq, key: factKey, value: shipment };
      },
    );
}

function stageOf(record: SourceObject): WarehouseStage {
  const type = text(record, 'eventType');
  const stage = STAGES[type as WmsShipmentEventType] as WarehouseStage | undefined;
  if (!stage) reject(RejectionReason.UnknownStatus, 'eventType', `eventType ${JSON.stringify(type)} is not one of ${Object.keys(STAGES).join(', ')}`);
  return stage;
}

function lineOf(line: unknown, field: string, confirmedQty: string): WarehouseLine {
  if (!isObject(line)) reject(RejectionReason.MalformedChange, field, `${field} is not an object`);
  const shortQuantity = quantity(line, 'qtyShort', { dotted: `${field}.qtyShort` });
  return {
    lineId: requiredId(line, 'lineRef', RejectionReason.MalformedChange),
    sku: requiredId(line, 'itemNumber', RejectionReason.MissingSku),
    quantity: quantity(line, confirmedQty, { dotted: `${field}.${confirmedQty}` }),
    shortQuantity,
    shortReason: shortQuantity > 0 ? (optionalText(line, 'shortReason') ?? 'UNSPECIFIED') : null,
  };
}

function packageOf(carton: unknown, field: string, stage: WarehouseStage): ShippedPackage {
  if (!isObject(carton)) reject(RejectionReason.MalformedChange, field, `${field} is not an object`);
  const trackingNumber = optionalText(carton, 'trackingNumber');
  // A shipped parcel without its tracking number cannot be followed or confirmed to a channel.
  if (stage === 'SHIPPED' && trackingNumber === null)
    reject(RejectionReason.MalformedChange, `${field}.trackingNumber`, `${field} shipped without a tracking number`);
  const weight = carton['weightLb'];
  if (weight !== undefined && weight !== null && (typeof weight !== 'number' || !Number.isFinite(weight) || weight < 0)) {
    reject(RejectionReason.MalformedChange, `${field}.weightLb`, `${field}.weightLb is ${JSON.stringify(weight)}, not a weight`);
  }
  return {
    packageReference: requiredId(carton, 'cartonId', RejectionReason.MalformedChange),
    carrierCode: optionalText(carton, 'carrier'),
    serviceCode: optionalText(carton, 'service'),
    trackingNumber,
    weight: typeof weight === 'number' ? { value: weight, unit: 'LB' } : null,
    lines: arrayAt(carton, 'contents').map((content, index) => {
      const at = `${field}.contents.${index}`;
      if (!isObject(content)) reject(RejectionReason.MalformedChange, at, `${at} is not an object`);
      return {
        lineId: requiredId(content, 'lineRef', RejectionReason.MalformedChange),
        sku: requiredId(content, 'itemNumber', RejectionReason.MissingSku),
        quantity: quantity(content, 'qty', { dotted: `${at}.qty` }),
      };
    }),
  };
}
