import { Ak4Code, type X12Seg } from '@crossdock/edi/x12';
import { ReferenceQualifier, ShippingOrderStatus } from './x12-940.writer';
import { dateAt, quantityAt, refuse, required } from './x12-set.refusal';
import { readTransactionSets, type X12SetsRead } from './x12-set.reader';

export interface ShippingOrderLine {
  /** N9 LI after the W01, else the LX number. */
  readonly lineId: string;
  /** W0105. */
  readonly sku: string;
  readonly quantity: number;
  readonly unitOfMeasure: string;
}

/** One 940 as the warehouse receiving it understands it. */
export interface ShippingOrder {
  /** W0501 N (original) or F (cancel). */
  readonly status: 'N' | 'F';
  /** W0502. */
  readonly depositorOrder: string;
  /** W0503. */
  readonly purchaseOrder: string | null;
  /** N9 ZZ. */
  readonly releaseId: string | null;
  /** N9 VN. */
  readonly erpOrder: string | null;
  /** G62 10. */
  readonly shipBy: number | null;
  readonly shipTo: {
    readonly name: string;
    readonly lines: readonly string[];
    readonly city: string;
    readonly state: string;
    readonly postalCode: string;
    readonly countryCode: string;
  } | null;
  /** W6610. */
  readonly carrierCode: string | null;
  /** W6605. */
  readonly serviceCode: string | null;
  /** NTE on a cancel. */
  readonly note: string | null;
  readonly lines: readonly ShippingOrderLine[];
}

/**
 * X12 940 Warehouse Shipping Order (GS01 'OW') → what the warehouse is asked to do, per transaction
 * set, refusing a set it cannot act on (W05 missing or with a status other than N or F, a W01 without
 * a whole quantity or with an item qualifier not in `itemQualifiers`, a W76 total that disagrees with
 * the lines). The simulated 3PL reads with it; its 997 comes from `acknowledgeSets`.
 */
export function read940(content: string, itemQualifiers: readonly string[] = ['VN', 'SK']): X12SetsRead<ShippingOrder> {
  return readTransactionSets(content, { functionalId: 'OW', setId: '940', reference: { tag: 'W05', element: 2 } }, (segments) =>
    shippingOrderOf(segments, itemQualifiers),
  );
}

function shippingOrderOf(segments: readonly X12Seg[], itemQualifiers: readonly string[]): ShippingOrder {
  const w05 = segments.find((s) => s.tag === 'W05') ?? refuse(null, 'SEGMENT_MISSING', null, 'W05 segment is missing', 'W05');
  const status = required(w05, 1, '473', 'order status code');
  if (status !== ShippingOrderStatus.Original && status !== ShippingOrderStatus.Cancel)
    refuse(w05, 'QUALIFIER_UNKNOWN', { n: 1, ref: '473', ak4: Ak4Code.InvalidCode }, `W0501 '${status}' (only N original and F cancel are handled)`);
  const depositorOrder = required(w05, 2, '285', 'depositor order number');
  let releaseId: string | null = null;
  let erpOrder: string | null = null;
  let shipBy: number | null = null;
  let carrierCode: string | null = null;
  let serviceCode: string | null = null;
  let note: string | null = null;
  let w76: X12Seg | null = null;
  let party: string | null = null;
  const shipTo = { name: '', lines: [] as string[], city: '', state: '', postalCode: '', countryCode: '' };
  let hasShipTo = false;
  const lines: { lineId: string; sku: string; quantity: number; unitOfMeasure: string }[] = [];
  let lx = '';
  let line: (typeof lines)[number] | null = null;
  for (const seg of segments) {
    switch (seg.tag) {
      case 'N1':
        party = seg.el(1);
        if (party === 'ST') {
          hasShipTo = true;
          shipTo.name = seg.el(2);
        }
        break;
      case 'N3':
        if (party === 'ST') shipTo.lines.push(...[seg.el(1), seg.el(2)].filter((l) => l !== ''));
        break;
      case 'N4':
        if (party === 'ST') Object.assign(shipTo, { city: seg.el(1), state: seg.el(2), postalCode: seg.el(3), countryCode: seg.el(4) || 'US' });
        break;
      case 'N9':
        if (seg.el(1) === ReferenceQualifier.ReleaseId && !line) releaseId = seg.el(2) || null;
        else if (seg.el(1) === ReferenceQualifier.ErpOrder && !line) erpOrder = seg.el(2) || null;
        else if (seg.el(1) === ReferenceQualifier.LineItem && line) line.lineId = required(seg, 2, '127', 'line item identifier');
        break;
      case 'G62':
        if (seg.el(1) === '10') shipBy = dateAt(seg, 2);
        break;
      case 'NTE':
        note = seg.el(2) || null;
        break;
      case 'W66':
        carrierCode = seg.el(10) || null;
        serviceCode = seg.el(5) || null;
        break;
      case 'LX':
        party = null;
        lx = seg.el(1);
        line = null;
        break;
      case 'W01': {
        const quantity = quantityAt(seg, 1, '330', 'quantity ordered');
        if (quantity <= 0) refuse(seg, 'FIELD_INVALID', { n: 1, ref: '330', ak4: Ak4Code.InvalidCode }, `W0101 '${seg.el(1)}' is not a positive quantity`);
        const qualifier = required(seg, 4, '235', 'product/service id qualifier');
        if (!itemQualifiers.includes(qualifier))
          refuse(seg, 'QUALIFIER_UNKNOWN', { n: 4, ref: '235', ak4: Ak4Code.InvalidCode }, `W0104 '${qualifier}' is not an item qualifier we stock by`);
        line = {
          lineId: lx || String(lines.length + 1),
          sku: required(seg, 5, '234', 'product/service id'),
          quantity,
          unitOfMeasure: required(seg, 2, '355', 'unit of measure'),
        };
        lines.push(line);
        break;
      }
      case 'W76':
        w76 = seg;
        break;
      default:
        break;
    }
  }
  if (lines.length === 0) refuse(null, 'SEGMENT_MISSING', null, 'the order has no W01 lines', 'W01');
  const total = lines.reduce((sum, l) => sum + l.quantity, 0);
  if (w76 && w76.el(1) !== '' && quantityAt(w76, 1, '347', 'total quantity') !== total)
    refuse(w76, 'COUNT_MISMATCH', { n: 1, ref: '347', ak4: Ak4Code.InvalidCode }, `W7601 says ${w76.el(1)} units, the W01 lines order ${total}`);
  return {
    status,
    depositorOrder,
    purchaseOrder: w05.el(3) || null,
    releaseId,
    erpOrder,
    shipBy,
    shipTo: hasShipTo ? shipTo : null,
    carrierCode,
    serviceCode,
    note,
    lines,
  };
}
