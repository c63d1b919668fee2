import type { ChannelOrderEventType, ChannelOrderLine } from '@crossdock/contracts';
import { decimalToMinorRounded, extendToMinorUnits, parseDecimal, type Decimal } from '../core/money';
import { AdapterRejectionCode } from '../core/rejection';
import { requireQuantity } from '../core/values';
import { Ak4Code, type X12Seg } from '@crossdock/edi/x12';
import { rejectSegment, requiredElement, type SegmentGroupReader } from './x12-850.segment';

export interface LinePricing {
  /** The order currency's ISO 4217 exponent. */
  readonly exponent: number;
  /** The PO1 product id qualifier that carries the partner's item number (mapping option `skuQualifier`). */
  readonly skuQualifier: string;
}

/**
 * The PO1 loops: each PO1 opens a line, its PID and PO4 complete it, the next PO1 or the CTT closes it.
 * A PO1 without PO101 is numbered by its place among the lines; a repeated line number is refused.
 */
export function linesReader(pricing: LinePricing): SegmentGroupReader & { finish(eventType: ChannelOrderEventType): readonly ChannelOrderLine[] } {
  const lines: ChannelOrderLine[] = [];
  const lineIds = new Set<string>();
  let open: ChannelOrderLine | null = null;
  const close = () => {
    if (open) lines.push(open);
    open = null;
  };
  return {
    read(seg) {
      switch (seg.tag) {
        case 'PO1': {
          close();
          const lineId = seg.el(1) || String(lines.length + 1);
          if (lineIds.has(lineId))
            rejectSegment(seg, AdapterRejectionCode.FieldInvalid, 1, '350', { ak4: Ak4Code.InvalidCode }, `PO101 line number ${lineId} is repeated`);
          lineIds.add(lineId);
          open = mapPo1(seg, lineId, pricing);
          break;
        }
        case 'PID':
          if (open) open = withPid(open, seg);
          break;
        case 'PO4':
          if (open) open = withPo4(open, seg);
          break;
        case 'CTT':
          close();
          break;
        default:
          break;
      }
    },
    finish(eventType) {
      close();
      if (eventType === 'CREATED' && lines.length === 0)
        rejectSegment(null, AdapterRejectionCode.NoLines, null, null, {}, 'purchase order has no PO1 line', 'PO1');
      return lines;
    },
  };
}

/**
 * PO1 → a line: PO102 quantity in the PO103 unit (cases stay cases), PO104 unit price (sub-minor unit
 * prices allowed: the line amount is quantity × price rounded once), the item number of the
 * `skuQualifier` (else VN, else SK) as channelSku, UP/EN/UK as gtin, every other product id in the
 * attributes (`PO1:<qualifier>`), and PO104 as sent.
 */
export function mapPo1(seg: X12Seg, lineId: string, pricing: LinePricing): ChannelOrderLine {
  const { exponent, skuQualifier } = pricing;
  let quantity: number;
  try {
    quantity = requireQuantity(seg.el(2), 'PO102');
  } catch {
    rejectSegment(
      seg,
      AdapterRejectionCode.QuantityInvalid,
      2,
      '330',
      { ak4: seg.el(2) ? Ak4Code.InvalidCharacter : Ak4Code.MandatoryMissing },
      `PO102 '${seg.el(2)}' is not a positive whole quantity`,
    );
  }
  const priceText = requiredElement(seg, 4, '212', 'unit price');
  let unitPrice: Decimal;
  try {
    unitPrice = parseDecimal(priceText, 'PO104', { x12: true });
    if (unitPrice.units < 0n) throw new Error('negative');
  } catch {
    rejectSegment(seg, AdapterRejectionCode.AmountInvalid, 4, '212', { ak4: Ak4Code.InvalidCharacter }, `PO104 '${priceText}' is not a decimal unit price`);
  }
  const ids = new Map<string, string>();
  for (let q = 6; q <= 24; q += 2) if (seg.el(q) && seg.el(q + 1) && !ids.has(seg.el(q))) ids.set(seg.el(q), seg.el(q + 1));
  const channelSku =
    ids.get(skuQualifier) ??
    ids.get('VN') ??
    ids.get('SK') ??
    rejectSegment(
      seg,
      AdapterRejectionCode.FieldMissing,
      7,
      '234',
      { ak4: Ak4Code.MandatoryMissing },
      `PO1 line ${lineId} has no ${skuQualifier}, VN or SK item number`,
    );
  const lineAttributes: Record<string, string> = {};
  for (const [qualifier, value] of ids) if (qualifier !== skuQualifier) lineAttributes[`PO1:${qualifier}`] = value;
  const lineSubtotalMinor = extendToMinorUnits(quantity, unitPrice, exponent, `PO1[${lineId}].PO104`);
  return {
    lineId,
    channelSku,
    channelProductId: null,
    gtin: ids.get('UP') ?? ids.get('EN') ?? ids.get('UK') ?? null,
    description: null,
    quantity,
    unitOfMeasure: seg.el(3) || null,
    unitPriceMinor: decimalToMinorRounded(unitPrice, exponent, `PO1[${lineId}].PO104`),
    lineSubtotalMinor,
    discountMinor: 0,
    taxMinor: 0,
    attributes: { ...lineAttributes, PO104: priceText },
  };
}

/** PID: the first free-form description (PID05) of the line. */
export function withPid(line: ChannelOrderLine, pid: X12Seg): ChannelOrderLine {
  return pid.el(5) && line.description === null ? { ...line, description: pid.el(5) } : line;
}

/** PO4: the pack (PO401), and the inner size (PO402) and its unit (PO403) when given, as attributes. */
export function withPo4(line: ChannelOrderLine, po4: X12Seg): ChannelOrderLine {
  if (!po4.el(1)) return line;
  return {
    ...line,
    attributes: { ...line.attributes, 'PO4:pack': po4.el(1), ...(po4.el(2) ? { 'PO4:size': po4.el(2) } : {}), ...(po4.el(3) ? { 'PO4:uom': po4.el(3) } : {}) },
  };
}
