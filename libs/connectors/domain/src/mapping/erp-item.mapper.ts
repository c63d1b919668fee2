import { messageKey, Topics, type ItemMaster, type UnitConversion } from '@crossdock/contracts';
import { keyPart, mapChange, requiredId } from './change-envelope';
import { reject, RejectionReason, type FeedMapper } from './mapping-outcome';
import { arrayAt, isObject, optionalText, quantity, text, timestamp, version, type SourceObject } from './source-fields';

const GTIN = /^(\d{8}|\d{12}|\d{13}|\d{14})$/;
const STATUSES: Readonly<Record<string, boolean>> = { ACTIVE: false, DISCONTINUED: true };

export interface ErpItemMapperOptions {
  /** ItemMaster.sourceSystem, e.g. 'netsuite-prod'. */
  readonly sourceSystem: string;
}

/**
 * ERP item change -> ItemMaster on `Topics.itemMaster`, or a tombstone when the ERP deleted the
 * item (the contract's meaning of a null value; discontinued items stay, flagged).
 */
export function erpItemMapper({ sourceSystem }: ErpItemMapperOptions): FeedMapper<ItemMaster> {
  return (change) =>
    mapChange<ItemMaster>(
      change,
      (keys) => keyPart(keys, 'itemNumber', '(missing itemNumber)'),
      ({ seq, op, keys, record }) => {
        if (op === 'DELETE' || record === null) {
          const sku = requiredId(keys, 'itemNumber', RejectionReason.MissingSku);
          return { kind: 'delete', sourceKey: sku, seq, key: messageKey(Topics.itemMaster, { sku }) };
        }
        const item = toItemMaster(record, sourceSystem);
        return { kind: 'upsert', sourceKey: item.sku, seq, key: messageKey(Topics.itemMaster, item), value: item };
      },
    );
}

function toItemMaster(record: SourceObject, sourceSystem: string): ItemMaster {
  const sku = requiredId(record, 'itemNumber', RejectionReason.MissingSku);
  const baseUnitOfMeasure = requiredId(record, 'baseUom', RejectionReason.MissingUnitOfMeasure);
  const status = text(record, 'status') || 'ACTIVE';
  const discontinued = STATUSES[status];
  if (discontinued === undefined) reject(RejectionReason.UnknownStatus, 'status', `status ${status} is not ACTIVE or DISCONTINUED`);
  return {
    sku,
    description: text(record, 'description'),
    baseUnitOfMeasure,
    unitConversions: unitConversions(record),
    gtins: gtins(record),
    safetyStock: quantity(record, 'safetyStockQty'),
    discontinued,
    substituteSku: optionalText(record, 'supersededBy'),
    weightGrams: weightGrams(record),
    sourceSystem,
    asOf: timestamp(record, 'lastModified'),
    version: version(record, 'rowVersion'),
  };
}

function unitConversions(record: SourceObject): UnitConversion[] {
  return arrayAt(record, 'alternateUoms').map((entry, index) => {
    const field = `alternateUoms.${index}`;
    if (!isObject(entry)) reject(RejectionReason.InvalidUnitConversion, field, `${field} is not an object`);
    const unitOfMeasure = text(entry, 'uom');
    if (unitOfMeasure === '') reject(RejectionReason.InvalidUnitConversion, `${field}.uom`, `${field}.uom is empty`);
    const baseQuantity = quantity(entry, 'factor', { dotted: `${field}.factor` });
    if (baseQuantity < 1) reject(RejectionReason.InvalidUnitConversion, `${field}.factor`, `${field}.factor must be at least 1`);
    return { unitOfMeasure, baseQuantity };
  });
}

// Channel item mapping matches on GTIN: a malformed one could map an order line to the wrong item.
function gtins(record: SourceObject): string[] {
  return arrayAt(record, 'barcodes').map((code, index) => {
    if (typeof code !== 'string' || !GTIN.test(code))
      reject(RejectionReason.InvalidGtin, `barcodes.${index}`, `${JSON.stringify(code)} is not a GTIN-8/12/13/14`);
    return code;
  });
}

function weightGrams(record: SourceObject): number | null {
  const kg = record['weightKg'];
  if (kg === undefined || kg === null) return null;
  if (typeof kg !== 'number' || !Number.isFinite(kg) || kg < 0) reject(RejectionReason.NegativeQuantity, 'weightKg', `weightKg is ${JSON.stringify(kg)}`);
  return Math.round(kg * 1000);
}
