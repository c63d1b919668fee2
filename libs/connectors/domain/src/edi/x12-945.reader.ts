import type { PackageWeight, ShippedPackage, WarehouseLine, WarehouseShipment } from '@crossdock/contracts';
import { Ak4Code, type X12Seg } from '@crossdock/edi/x12';
import { shipmentFactEventId } from '../shipments/fact-event-id';
import { dateAt, dateTimeAt, quantityAt, refuse, required } from './x12-set.refusal';
import { readTransactionSets, type X12SetsRead } from './x12-set.reader';
import { sscc18Of } from './sscc';
import { ReferenceQualifier } from './x12-940.writer';

export interface ShipmentAdviceReadOptions {
  /** Which 3PL (e.g. '3pl-dallas'): WarehouseShipment.sourceSystem and part of every eventId. */
  readonly sourceSystem: string;
  /** Hub location id of the 3PL. */
  readonly locationId: string;
  /** When the connector read the file. */
  readonly observedAt: number;
  /** W1207 qualifiers that carry the hub SKU (default VN and SK). */
  readonly itemQualifiers?: readonly string[];
}

/** A 945 file read: per transaction set the WarehouseShipment or why it was refused, and the 997 to send. */
export type ShipmentAdviceRead = X12SetsRead<WarehouseShipment>;

/**
 * X12 945 Warehouse Shipping Advice (4010, GS01 'SW') → one WarehouseShipment per transaction set
 * (stage SHIPPED, source THIRD_PARTY_LOGISTICS), and, per set, what is wrong with it, so a file with
 * one bad set is acknowledged A for the others and R for that one (AK9 P): `acknowledgeSets(read, ...)`.
 *
 * Read: W06 (W0602 depositor order = the hub order id, W0603 ship date, W0604 the 3PL's shipment
 * id), N9 ZZ (our release id, echoed), G62 11 (shipped on, with G6204 its time of day when given; else W0603, a day), W27 (W2702 SCAC, W2703
 * service), per LX loop one carton: MAN GM (SSCC-18, check digit verified) with the tracking number in
 * MAN04/05 `CP` (or a separate MAN CP, or N9 2I in the loop), then W12 item lines (W1201 status,
 * W1202 ordered, W1203 shipped, W1207/W1208 item, W1210-12 weight, then N9 LI our line id), and W03
 * totals (W0301 units shipped, W0306 cartons), which must agree with the lines and cartons. A line's
 * short quantity is ordered minus shipped over all cartons; its reason the W1201 code when not CC
 * (complete). Without N9 LI, the line id is the SKU. An LX loop without MAN is lines only (a line
 * short-picked to zero). The fact key is `ISA sender|W0604|W0602`: a 945 dropped twice yields the
 * same eventIds.
 */
export function read945(content: string, options: ShipmentAdviceReadOptions): ShipmentAdviceRead {
  return readTransactionSets(content, { functionalId: 'SW', setId: '945', reference: { tag: 'W06', element: 2 } }, (segments, sender) =>
    shipmentOf(segments, sender, options),
  );
}

const WEIGHT_UNITS: Readonly<Record<string, string>> = { L: 'LB', K: 'KG' };

interface CartonRead {
  sscc: string | null;
  tracking: string | null;
  items: ItemRead[];
}

interface ItemRead {
  readonly status: string;
  readonly ordered: number | null;
  readonly shipped: number;
  readonly sku: string;
  readonly weight: PackageWeight | null;
  /** N9 LI after the W12; null until then. */
  lineId: string | null;
}

function shipmentOf(segments: readonly X12Seg[], sender: string, options: ShipmentAdviceReadOptions): WarehouseShipment {
  const itemQualifiers = options.itemQualifiers ?? ['VN', 'SK'];
  const w06 = segments.find((s) => s.tag === 'W06') ?? refuse(null, 'SEGMENT_MISSING', null, 'W06 segment is missing', 'W06');
  const orderId = required(w06, 2, '285', 'depositor order number');
  const shipmentId = required(w06, 4, '145', 'shipment identification number');
  let shipDate: number | null = w06.el(3) ? dateAt(w06, 3) : null;
  let releaseId: string | null = null;
  let carrierCode: string | null = null;
  let serviceCode: string | null = null;
  let w03: X12Seg | null = null;
  const cartons: CartonRead[] = [];
  let carton: CartonRead | null = null;
  let item: ItemRead | null = null;

  for (const seg of segments) {
    switch (seg.tag) {
      case 'G62':
        if (seg.el(1) === '11') shipDate = dateTimeAt(seg, 2);
        break;
      case 'W27':
        carrierCode = seg.el(2) || null;
        serviceCode = seg.el(3) || null;
        break;
      case 'LX':
        carton = { sscc: null, tracking: null, items: [] };
        cartons.push(carton);
        item = null;
        break;
      case 'MAN':
        if (!carton) refuse(seg, 'SEGMENT_MISSING', null, 'MAN outside an LX loop');
        readMarks(seg, carton);
        break;
      case 'N9':
        if (seg.el(1) === ReferenceQualifier.ReleaseId && !carton) releaseId = seg.el(2) || null;
        else if (seg.el(1) === ReferenceQualifier.Tracking && carton && !item) carton.tracking ??= required(seg, 2, '127', 'tracking number');
        else if (seg.el(1) === ReferenceQualifier.LineItem && item) item.lineId = required(seg, 2, '127', 'line item identifier');
        break;
      case 'W12':
        if (!carton) refuse(seg, 'SEGMENT_MISSING', null, 'W12 outside an LX loop');
        item = readItem(seg, itemQualifiers);
        carton.items.push(item);
        break;
      case 'W03':
        w03 = seg;
        break;
      default:
        break;
    }
  }
  if (shipDate === null) refuse(null, 'FIELD_MISSING', null, 'no ship date: neither G62 11 nor W0603', 'G62');
  const items = cartons.flatMap((c) => c.items);
  if (items.length === 0) refuse(null, 'SEGMENT_MISSING', null, 'the advice has no W12 item lines', 'W12');
  const packages = cartons.filter((c) => c.sscc !== null || c.tracking !== null).map((c) => packageOf(c, carrierCode, serviceCode));
  const lines = linesOf(items);
  checkTotals(w03, lines, packages.length);

  const factKey = `${sender}|${shipmentId}|${orderId}`;
  return {
    eventId: shipmentFactEventId(options.sourceSystem, factKey),
    factKey,
    source: 'THIRD_PARTY_LOGISTICS',
    sourceSystem: options.sourceSystem,
    stage: 'SHIPPED',
    orderId,
    releaseId,
    locationId: options.locationId,
    warehouseOrderRef: shipmentId,
    lines,
    packages,
    shipDate,
    occurredAt: shipDate,
    observedAt: options.observedAt,
  };
}

/** MAN01/02 and MAN04/05: GM an SSCC-18, CP the carrier's package (tracking) number. */
function readMarks(seg: X12Seg, carton: CartonRead): void {
  for (const [q, v] of [
    [1, 2],
    [4, 5],
  ] as const) {
    const qualifier = seg.el(q);
    if (qualifier === '') continue;
    const value = required(seg, v, '87', 'marks and numbers');
    if (qualifier === 'GM') {
      const sscc = sscc18Of(value);
      if (sscc === null)
        refuse(
          seg,
          'FIELD_INVALID',
          { n: v, ref: '87', ak4: Ak4Code.InvalidCode },
          `MAN${String(v).padStart(2, '0')} '${value}' is not an SSCC-18 with a valid check digit`,
        );
      carton.sscc = sscc;
    } else if (qualifier === 'CP') carton.tracking = value;
    else
      refuse(
        seg,
        'QUALIFIER_UNKNOWN',
        { n: q, ref: '88', ak4: Ak4Code.InvalidCode },
        `MAN${String(q).padStart(2, '0')} '${qualifier}' (only GM SSCC-18 and CP carrier package id are read)`,
      );
  }
}

function readItem(seg: X12Seg, itemQualifiers: readonly string[]): ItemRead {
  const status = required(seg, 1, '368', 'shipment/order status');
  const ordered = seg.el(2) === '' ? null : quantityAt(seg, 2, '330', 'quantity ordered');
  const shipped = quantityAt(seg, 3, '382', 'units shipped');
  const qualifier = required(seg, 7, '235', 'product/service id qualifier');
  if (!itemQualifiers.includes(qualifier))
    refuse(
      seg,
      'QUALIFIER_UNKNOWN',
      { n: 7, ref: '235', ak4: Ak4Code.InvalidCode },
      `W1207 '${qualifier}' is not an item qualifier of ours (${itemQualifiers.join(', ')})`,
    );
  const sku = required(seg, 8, '234', 'product/service id');
  let weight: PackageWeight | null = null;
  if (seg.el(10) !== '') {
    const value = Number(seg.el(10));
    const unit = WEIGHT_UNITS[seg.el(12)];
    if (!Number.isFinite(value) || value < 0)
      refuse(seg, 'FIELD_INVALID', { n: 10, ref: '81', ak4: Ak4Code.InvalidCharacter }, `W1210 '${seg.el(10)}' is not a weight`);
    if (!unit) refuse(seg, 'QUALIFIER_UNKNOWN', { n: 12, ref: '188', ak4: Ak4Code.InvalidCode }, `W1212 '${seg.el(12)}' is not L (pounds) or K (kilograms)`);
    weight = { value, unit };
  }
  return { status, ordered, shipped, sku, weight, lineId: null };
}

function packageOf(carton: CartonRead, carrierCode: string | null, serviceCode: string | null): ShippedPackage {
  const weights = carton.items.flatMap((i) => (i.weight ? [i.weight] : []));
  const unit = weights[0]?.unit;
  return {
    packageReference: carton.sscc ?? carton.tracking ?? '',
    carrierCode,
    serviceCode,
    trackingNumber: carton.tracking,
    weight: unit && weights.every((w) => w.unit === unit) ? { value: Math.round(weights.reduce((sum, w) => sum + w.value, 0) * 1000) / 1000, unit } : null,
    lines: carton.items.filter((i) => i.shipped > 0).map((i) => ({ lineId: i.lineId ?? i.sku, sku: i.sku, quantity: i.shipped })),
  };
}

/**
 * One line per order line (N9 LI, else the SKU) over all cartons: shipped units summed, short units
 * = ordered (W1202) − shipped, the reason the W1201 status when it is not CC (complete).
 */
function linesOf(items: readonly ItemRead[]): WarehouseLine[] {
  const byLine = new Map<string, { sku: string; ordered: number | null; shipped: number; status: string }>();
  for (const i of items) {
    const lineId = i.lineId ?? i.sku;
    const line = byLine.get(lineId) ?? { sku: i.sku, ordered: null, shipped: 0, status: 'CC' };
    line.shipped += i.shipped;
    if (i.ordered !== null) line.ordered = Math.max(line.ordered ?? 0, i.ordered);
    if (i.status !== 'CC') line.status = i.status;
    byLine.set(lineId, line);
  }
  return [...byLine].map(([lineId, line]) => {
    const shortQuantity = line.ordered === null ? 0 : Math.max(0, line.ordered - line.shipped);
    return { lineId, sku: line.sku, quantity: line.shipped, shortQuantity, shortReason: shortQuantity > 0 || line.status !== 'CC' ? line.status : null };
  });
}

/** W0301 units shipped must be the W12 total, W0306 (when given) the number of cartons. */
function checkTotals(w03: X12Seg | null, lines: readonly WarehouseLine[], cartons: number): void {
  if (!w03) refuse(null, 'SEGMENT_MISSING', null, 'W03 total shipment information is missing', 'W03');
  const units = quantityAt(w03, 1, '382', 'units shipped');
  const shipped = lines.reduce((sum, l) => sum + l.quantity, 0);
  if (units !== shipped)
    refuse(w03, 'COUNT_MISMATCH', { n: 1, ref: '382', ak4: Ak4Code.InvalidCode }, `W0301 says ${units} units shipped, the W12 lines ship ${shipped}`);
  if (w03.el(6) !== '' && quantityAt(w03, 6, '80', 'lading quantity') !== cartons)
    refuse(w03, 'COUNT_MISMATCH', { n: 6, ref: '80', ak4: Ak4Code.InvalidCode }, `W0306 says ${w03.el(6)} cartons, the advice has ${cartons}`);
}
