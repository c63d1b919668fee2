import type { ChannelOrder, ChannelOrderEventType, ChannelOrderLine, PostalAddress } from '@crossdock/contracts';
import { X12Parser, type X12Interchange, type X12Segment } from 'node-x12';
import type { AdapterContext, AdapterOutcome, AdapterResult, ChannelAdapter } from '../core/adapter';
import { mappingMatches, serviceLevelFor } from '../core/channel-mapping';
import { canonicalOrderId, orderEventId } from '../core/ids';
import { currencyExponent, decimalToMinorRounded, extendToMinorUnits, parseDecimal } from '../core/money';
import { AdapterRejectionCode, RejectionError, type AdapterRejection, type AdapterRejectionCode as Code } from '../core/rejection';
import { isRealDate, requireQuantity } from '../core/values';
import {
  Ak3Code,
  Ak4Code,
  Ak5Code,
  Ak9Code,
  buildFunctionalAcknowledgement,
  type FunctionalGroupAck,
  type SegmentErrorNote,
  type TransactionSetAck,
} from './x12-997';

/** One file from the partner's drop folder. */
export interface X12Document {
  readonly content: string;
  /** ISA13/GS06 for the 997 we send back; the gateway keeps a per-partner counter. Defaults to the received ISA13. */
  readonly ackControlNumber?: number;
}

export interface X12PurchaseOrderResult extends AdapterResult {
  /** The 997 to write back, or null when the file is not an interchange we can answer (no readable ISA). */
  readonly functionalAcknowledgement: string | null;
  readonly acknowledgedGroups: readonly FunctionalGroupAck[];
}

/** A rejection that also says where in the transaction set it is, for the 997's AK3/AK4. */
class X12SegmentError extends RejectionError {
  constructor(
    code: Code,
    field: string,
    message: string,
    readonly note: SegmentErrorNote,
  ) {
    super(code, field, message);
  }
}

interface Seg {
  readonly tag: string;
  /** Position in the transaction set, ST = 1. */
  readonly position: number;
  /** 1-based element access; '' when absent. */
  el(n: number): string;
}

/**
 * EDI X12 850 purchase orders → one ChannelOrder per transaction set, plus the 997 functional
 * acknowledgement. Tokenising (separators read from the ISA) and the envelope object model come from
 * `node-x12`; envelope control checks, 850 semantics and the 997 are ours.
 *
 * Mapping options (mapping file `options`): `skuQualifier` (PO1 product id qualifier that carries
 * the partner's item number, default 'IN'), `ourInterchangeId` ('ZZ:CROSSDOCKDIST'),
 * `ourApplicationId`, `defaultCountry` (N4 without country, default 'US').
 */
export class X12PurchaseOrderAdapter implements ChannelAdapter<X12Document, X12PurchaseOrderResult> {
  readonly channel = 'EDI' as const;
  readonly sourceFormat = 'x12-850';

  adapt(document: X12Document, context: AdapterContext): X12PurchaseOrderResult {
    const parsed = parseInterchange(document.content);
    if ('rejection' in parsed) return { outcomes: [{ kind: 'REJECTED', rejection: parsed.rejection }], functionalAcknowledgement: null, acknowledgedGroups: [] };
    const { interchange, separators, isa13 } = parsed;
    const isa = interchange.header;
    const partnerId = `${isa.valueOf(5)?.trim()}:${isa.valueOf(6)?.trim()}`;
    const envelopeError = envelopeProblem(interchange, isa13, partnerId, context);

    const outcomes: AdapterOutcome[] = [];
    const groups: FunctionalGroupAck[] = [];
    for (const group of interchange.functionalGroups) {
      const gs = group.header;
      const gs06 = gs.valueOf(6) ?? '';
      const groupErrors: string[] = [];
      if (gs.valueOf(1) !== 'PO') groupErrors.push(Ak9Code.NotSupported);
      if (!/^00[4-8]0\d0/.test(gs.valueOf(8) ?? '')) groupErrors.push(Ak9Code.VersionNotSupported);
      if (!group.trailer) groupErrors.push(Ak9Code.TrailerMissing);
      else {
        if (group.trailer.valueOf(1) !== String(group.transactions.length)) groupErrors.push(Ak9Code.TransactionCountMismatch);
        if (group.trailer.valueOf(2) !== gs06) groupErrors.push(Ak9Code.ControlNumberMismatch);
      }
      const groupRejection = envelopeError ?? groupProblem(groupErrors, group.trailer?.valueOf(1) ?? '', group.transactions.length, gs06);
      const sets: TransactionSetAck[] = [];
      for (const transaction of group.transactions) {
        const st02 = transaction.header.valueOf(2) ?? '';
        const setId = transaction.header.valueOf(1) ?? '';
        const segments: Seg[] = transaction.segments.map((s, i) => toSeg(s, i + 2));
        const setErrors: string[] = [];
        let rejection: AdapterRejection | null = null;
        let note: SegmentErrorNote | null = null;
        const beg03 = segments.find((s) => s.tag === 'BEG')?.el(3) || null;
        const rejectWith = (code: Code, field: string | null, message: string) =>
          (rejection ??= { code, field, message, channelOrderId: beg03 });
        if (setId !== '850') {
          setErrors.push(Ak5Code.NotSupported);
          rejectWith(AdapterRejectionCode.DocumentUnsupported, 'ST01', `transaction set ${setId} is not an 850`);
        }
        if (!transaction.trailer) {
          setErrors.push(Ak5Code.TrailerMissing);
          rejectWith(AdapterRejectionCode.EnvelopeInvalid, 'SE', `transaction set ${st02} has no SE trailer`);
        } else {
          const declared = transaction.trailer.valueOf(1);
          if (declared !== String(segments.length + 2)) {
            setErrors.push(Ak5Code.SegmentCountMismatch);
            rejectWith(AdapterRejectionCode.ControlCountMismatch, 'SE01', `SE01 says ${declared} segments, the set has ${segments.length + 2}`);
          }
          if (transaction.trailer.valueOf(2) !== st02) {
            setErrors.push(Ak5Code.ControlNumberMismatch);
            rejectWith(AdapterRejectionCode.ControlNumberMismatch, 'SE02', `SE02 ${transaction.trailer.valueOf(2)} does not match ST02 ${st02}`);
          }
        }
        if (groupRejection) rejectWith(groupRejection.code, groupRejection.field, groupRejection.message);
        if (rejection === null) {
          try {
            const order = map850(segments, {
              context,
              isTest: isa.valueOf(15) === 'T',
              occurredAt: gsTimestamp(gs),
              sourceDeliveryId: `${isa13}/${gs06}/${st02}`,
            });
            outcomes.push({ kind: 'ORDER', order });
          } catch (error) {
            if (!(error instanceof RejectionError)) throw error;
            rejectWith(error.code, error.field, error.message);
            if (error instanceof X12SegmentError) note = error.note.position === 0 ? { ...error.note, position: segments.length + 2 } : error.note;
            setErrors.push(Ak5Code.SegmentsInError);
          }
        }
        if (rejection !== null) outcomes.push({ kind: 'REJECTED', rejection });
        sets.push({ setId, controlNumber: st02, accepted: rejection === null, errorCodes: rejection === null ? [] : setErrors, segmentErrors: note ? [note] : [] });
      }
      groups.push({
        functionalIdCode: gs.valueOf(1) ?? '',
        groupControlNumber: gs06,
        version: gs.valueOf(8) ?? '004010',
        senderApplicationId: gs.valueOf(2) ?? '',
        declaredCount: Number(group.trailer?.valueOf(1) ?? group.transactions.length) || 0,
        transactionSets: sets,
        groupErrorCodes: groupErrors,
      });
    }
    const functionalAcknowledgement = buildFunctionalAcknowledgement(
      {
        ourId: context.mapping.options['ourInterchangeId'] ?? `${isa.valueOf(7)?.trim()}:${isa.valueOf(8)?.trim()}`,
        partnerId,
        ourApplicationId: context.mapping.options['ourApplicationId'] ?? interchange.functionalGroups[0]?.header.valueOf(3) ?? 'CROSSDOCK',
        controlNumber: document.ackControlNumber ?? (Number(isa13) || 1),
        usageIndicator: isa.valueOf(15) ?? 'P',
        createdAt: context.receivedAt,
        separators,
        isa11: isa.valueOf(11) ?? 'U',
        isa12: isa.valueOf(12) ?? '00401',
      },
      groups,
    );
    return { outcomes, functionalAcknowledgement, acknowledgedGroups: groups };
  }
}

function parseInterchange(
  content: string,
):
  | { interchange: X12Interchange; isa13: string; separators: { element: string; component: string; segment: string; lineBreak: string } }
  | { rejection: AdapterRejection } {
  const fail = (code: Code, message: string) => ({ rejection: { code, field: 'ISA', message, channelOrderId: null } });
  const text = content.replace(/^\uFEFF/, '').trimStart();
  if (!text.startsWith('ISA')) return fail(AdapterRejectionCode.PayloadMalformed, 'file does not start with an ISA segment');
  // ISA is fixed length: element separator at 3, component separator ISA16 at 104, segment terminator at 105.
  const element = text.charAt(3);
  const component = text.charAt(104);
  const segment = text.charAt(105);
  const isaElements = text.slice(0, 105).split(element);
  if (text.length < 106 || isaElements.length !== 17 || /[A-Za-z0-9 ]/.test(element) || /[A-Za-z0-9 ]/.test(segment) || element === segment) {
    return fail(AdapterRejectionCode.EnvelopeInvalid, 'ISA is not a 106-character segment with 16 elements and valid separators');
  }
  const parser = new X12Parser(false);
  let parsed: ReturnType<X12Parser['parse']> | undefined;
  try {
    parsed = parser.parse(text);
  } catch (error) {
    return fail(AdapterRejectionCode.EnvelopeInvalid, `not a well-formed interchange: ${(error as Error).message}`);
  }
  if (!parsed || !('functionalGroups' in parsed)) {
    return fail(AdapterRejectionCode.DocumentUnsupported, 'one interchange per file is supported');
  }
  if (parsed.functionalGroups.length === 0) return fail(AdapterRejectionCode.EnvelopeInvalid, 'interchange has no functional group');
  const afterTerminator = text.charAt(106);
  // node-x12 normalises ISA13/IEA02 with parseInt; keep the raw ISA13 to validate and echo it.
  return { interchange: parsed, isa13: isaElements[13] ?? '', separators: { element, component, segment, lineBreak: afterTerminator === '\r' ? '\r\n' : afterTerminator === '\n' && segment !== '\n' ? '\n' : '' } };
}

function envelopeProblem(interchange: X12Interchange, isa13: string, partnerId: string, context: AdapterContext): AdapterRejection | null {
  if (!mappingMatches(context.mapping, partnerId)) {
    return { code: AdapterRejectionCode.AccountUnknown, field: 'ISA06', message: `sender ${partnerId} is not trading partner ${context.mapping.channelAccountId}`, channelOrderId: null };
  }
  if (!/^\d{9}$/.test(isa13)) return { code: AdapterRejectionCode.EnvelopeInvalid, field: 'ISA13', message: `ISA13 '${isa13}' is not a 9-digit control number`, channelOrderId: null };
  const iea = interchange.trailer;
  if (!iea) return { code: AdapterRejectionCode.EnvelopeInvalid, field: 'IEA', message: 'interchange has no IEA trailer', channelOrderId: null };
  if (iea.valueOf(1) !== String(interchange.functionalGroups.length)) {
    return { code: AdapterRejectionCode.ControlCountMismatch, field: 'IEA01', message: `IEA01 says ${iea.valueOf(1)} groups, the interchange has ${interchange.functionalGroups.length}`, channelOrderId: null };
  }
  if (iea.valueOf(2) !== String(Number(isa13))) {
    return { code: AdapterRejectionCode.ControlNumberMismatch, field: 'IEA02', message: `IEA02 ${iea.valueOf(2)} does not match ISA13 ${isa13}`, channelOrderId: null };
  }
  return null;
}

function groupProblem(errors: readonly string[], ge01: string, actual: number, gs06: string): AdapterRejection | null {
  if (errors.length === 0) return null;
  const [code, field, message]: [Code, string, string] = errors.includes(Ak9Code.NotSupported)
    ? [AdapterRejectionCode.DocumentUnsupported, 'GS01', 'functional group is not PO']
    : errors.includes(Ak9Code.VersionNotSupported)
      ? [AdapterRejectionCode.DocumentUnsupported, 'GS08', 'X12 version not supported']
      : errors.includes(Ak9Code.TransactionCountMismatch)
        ? [AdapterRejectionCode.ControlCountMismatch, 'GE01', `GE01 says ${ge01} transaction sets, the group has ${actual}`]
        : errors.includes(Ak9Code.ControlNumberMismatch)
          ? [AdapterRejectionCode.ControlNumberMismatch, 'GE02', `GE02 does not match GS06 ${gs06}`]
          : [AdapterRejectionCode.EnvelopeInvalid, 'GE', 'functional group has no GE trailer'];
  return { code, field, message, channelOrderId: null };
}

function toSeg(segment: X12Segment, position: number): Seg {
  const values = segment.elements.map((e) => e.value.trim());
  return { tag: segment.tag, position, el: (n) => values[n - 1] ?? '' };
}

function gsTimestamp(gs: X12Segment): number {
  const date = gs.valueOf(4) ?? '';
  const time = (gs.valueOf(5) ?? '0000').padEnd(4, '0');
  const ms = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6, 8)), Number(time.slice(0, 2)), Number(time.slice(2, 4)));
  return Number.isNaN(ms) ? 0 : ms;
}

interface MapInput {
  readonly context: AdapterContext;
  readonly isTest: boolean;
  readonly occurredAt: number;
  readonly sourceDeliveryId: string;
}

function fail(seg: Seg | null, code: Code, elementPosition: number | null, elementRef: string | null, ak: { ak3?: string; ak4?: string }, message: string, segmentId?: string): never {
  const tag = seg?.tag ?? segmentId ?? '';
  const field = seg ? `${tag}${elementPosition ? String(elementPosition).padStart(2, '0') : ''}@${seg.position}` : tag;
  throw new X12SegmentError(code, field, message, {
    segmentId: tag,
    position: seg?.position ?? 0,
    code: ak.ak3 ?? (elementPosition ? Ak3Code.DataElementErrors : Ak3Code.MandatorySegmentMissing),
    ...(elementPosition
      ? { element: { position: elementPosition, reference: elementRef, code: ak.ak4 ?? Ak4Code.MandatoryMissing, badValue: seg && ak.ak4 !== Ak4Code.MandatoryMissing ? seg.el(elementPosition) || null : null } }
      : {}),
  });
}

function required(seg: Seg, n: number, ref: string, what: string): string {
  const v = seg.el(n);
  if (v === '') fail(seg, AdapterRejectionCode.FieldMissing, n, ref, { ak4: Ak4Code.MandatoryMissing }, `${seg.tag}${String(n).padStart(2, '0')} (${what}) is missing`);
  return v;
}

function x12Date(seg: Seg, n: number, ref: string): number {
  const v = required(seg, n, ref, 'date');
  const ok = /^\d{8}$/.test(v) && isRealDate(Number(v.slice(0, 4)), Number(v.slice(4, 6)), Number(v.slice(6, 8)));
  if (!ok) fail(seg, AdapterRejectionCode.DateInvalid, n, ref, { ak4: Ak4Code.InvalidDate }, `${seg.tag}${String(n).padStart(2, '0')} '${v}' is not a CCYYMMDD date`);
  return Date.UTC(Number(v.slice(0, 4)), Number(v.slice(4, 6)) - 1, Number(v.slice(6, 8)));
}

function map850(segments: readonly Seg[], input: MapInput): ChannelOrder {
  const { mapping } = input.context;
  const options = mapping.options;
  const beg = segments.find((s) => s.tag === 'BEG') ?? fail(null, AdapterRejectionCode.SegmentMissing, null, null, {}, 'BEG segment is missing', 'BEG');
  const purpose = required(beg, 1, '353', 'transaction set purpose');
  const eventType: ChannelOrderEventType | undefined = purpose === '00' ? 'CREATED' : purpose === '01' ? 'CANCELLED' : undefined;
  if (!eventType) fail(beg, AdapterRejectionCode.DocumentUnsupported, 1, '353', { ak4: Ak4Code.InvalidCode }, `BEG01 '${purpose}' (only 00 original and 01 cancellation are handled)`);
  const poNumber = required(beg, 3, '324', 'purchase order number');
  const placedAt = x12Date(beg, 5, '373');

  const currencySeg = segments.find((s) => s.tag === 'CUR' && s.el(1) === 'BY');
  const currency = currencySeg?.el(2) || mapping.defaultCurrency || fail(null, AdapterRejectionCode.FieldMissing, null, null, {}, 'no CUR segment and no default currency', 'CUR');
  let exp: number;
  try {
    exp = currencyExponent(currency, 'CUR02');
  } catch {
    fail(currencySeg ?? null, AdapterRejectionCode.CurrencyInvalid, currencySeg ? 2 : null, '100', { ak4: Ak4Code.InvalidCode }, `currency '${currency}' is not ISO 4217`, 'CUR');
  }

  const attributes: Record<string, string> = { BEG02: beg.el(2) };
  let contact: { name: string | null; phone: string | null; email: string | null } = { name: null, phone: null, email: null };
  let paymentTerms: string | null = null;
  let shipBy: number | null = null;
  let deliverBy: number | null = null;
  let td5: Seg | null = null;
  const parties = new Map<string, { n1: Seg; n2: Seg[]; n3: Seg[]; n4: Seg | null }>();
  let currentParty: { n1: Seg; n2: Seg[]; n3: Seg[]; n4: Seg | null } | null = null;
  const lines: ChannelOrderLine[] = [];
  let currentLine: { line: ChannelOrderLine; seg: Seg } | null = null;
  const lineIds = new Set<string>();
  let ctt: Seg | null = null;
  let totalAmount: number | null = null;
  const skuQualifier = options['skuQualifier'] ?? 'IN';

  const flushLine = () => {
    if (currentLine) lines.push(currentLine.line);
    currentLine = null;
  };
  for (const seg of segments) {
    if (seg.tag !== 'N2' && seg.tag !== 'N3' && seg.tag !== 'N4' && seg.tag !== 'PER') currentParty = seg.tag === 'N1' ? currentParty : null;
    switch (seg.tag) {
      case 'REF':
        if (seg.el(1)) attributes[`REF:${seg.el(1)}`] = seg.el(2) || seg.el(3);
        break;
      case 'PER':
        if (seg.el(1) === 'BD' || seg.el(1) === 'OC' || contact.name === null) {
          const pairs = new Map<string, string>([[seg.el(3), seg.el(4)], [seg.el(5), seg.el(6)], [seg.el(7), seg.el(8)]]);
          contact = { name: seg.el(2) || null, phone: pairs.get('TE') ?? null, email: pairs.get('EM') ?? null };
        }
        break;
      case 'ITD': {
        const netDays = seg.el(7);
        if (netDays && !/^\d+$/.test(netDays)) fail(seg, AdapterRejectionCode.FieldInvalid, 7, '386', { ak4: Ak4Code.InvalidCharacter }, `ITD07 '${netDays}' is not a number of days`);
        paymentTerms = netDays ? `NET${netDays}` : seg.el(12) || null;
        break;
      }
      case 'DTM':
        if (seg.el(1) === '010' || seg.el(1) === '038') shipBy = x12Date(seg, 2, '373');
        else if (seg.el(1) === '002' || seg.el(1) === '074') deliverBy = x12Date(seg, 2, '373');
        break;
      case 'TD5':
        td5 ??= seg;
        break;
      case 'N1': {
        const role = required(seg, 1, '98', 'entity identifier');
        currentParty = { n1: seg, n2: [], n3: [], n4: null };
        if (!parties.has(role)) parties.set(role, currentParty);
        break;
      }
      case 'N2':
        currentParty?.n2.push(seg);
        break;
      case 'N3':
        currentParty?.n3.push(seg);
        break;
      case 'N4':
        if (currentParty) currentParty.n4 = seg;
        break;
      case 'PO1': {
        flushLine();
        const lineId = seg.el(1) || String(lines.length + 1);
        if (lineIds.has(lineId)) fail(seg, AdapterRejectionCode.FieldInvalid, 1, '350', { ak4: Ak4Code.InvalidCode }, `PO101 line number ${lineId} is repeated`);
        lineIds.add(lineId);
        let quantity: number;
        try {
          quantity = requireQuantity(seg.el(2), 'PO102');
        } catch {
          fail(seg, AdapterRejectionCode.QuantityInvalid, 2, '330', { ak4: seg.el(2) ? Ak4Code.InvalidCharacter : Ak4Code.MandatoryMissing }, `PO102 '${seg.el(2)}' is not a positive whole quantity`);
        }
        const priceText = required(seg, 4, '212', 'unit price');
        let unitPrice;
        try {
          unitPrice = parseDecimal(priceText, 'PO104', { x12: true });
          if (unitPrice.units < 0n) throw new Error('negative');
        } catch {
          fail(seg, AdapterRejectionCode.AmountInvalid, 4, '212', { ak4: Ak4Code.InvalidCharacter }, `PO104 '${priceText}' is not a decimal unit price`);
        }
        const ids = new Map<string, string>();
        for (let q = 6; q <= 24; q += 2) if (seg.el(q) && seg.el(q + 1) && !ids.has(seg.el(q))) ids.set(seg.el(q), seg.el(q + 1));
        const channelSku = ids.get(skuQualifier) ?? ids.get('VN') ?? ids.get('SK') ?? fail(seg, AdapterRejectionCode.FieldMissing, 7, '234', { ak4: Ak4Code.MandatoryMissing }, `PO1 line ${lineId} has no ${skuQualifier}, VN or SK item number`);
        const lineAttributes: Record<string, string> = {};
        for (const [qualifier, value] of ids) if (qualifier !== skuQualifier) lineAttributes[`PO1:${qualifier}`] = value;
        const lineSubtotalMinor = extendToMinorUnits(quantity, unitPrice, exp, `PO1[${lineId}].PO104`);
        currentLine = {
          seg,
          line: {
            lineId,
            channelSku,
            channelProductId: null,
            gtin: ids.get('UP') ?? ids.get('EN') ?? ids.get('UK') ?? null,
            description: null,
            quantity,
            unitOfMeasure: seg.el(3) || null,
            unitPriceMinor: decimalToMinorRounded(unitPrice, exp, `PO1[${lineId}].PO104`),
            lineSubtotalMinor,
            discountMinor: 0,
            taxMinor: 0,
            attributes: { ...lineAttributes, PO104: priceText },
          },
        };
        break;
      }
      case 'PID':
        if (currentLine && seg.el(5) && (currentLine as { line: ChannelOrderLine }).line.description === null) {
          const c: { line: ChannelOrderLine; seg: Seg } = currentLine;
          currentLine = { ...c, line: { ...c.line, description: seg.el(5) } };
        }
        break;
      case 'PO4':
        if (currentLine && seg.el(1)) {
          const c: { line: ChannelOrderLine; seg: Seg } = currentLine;
          currentLine = { ...c, line: { ...c.line, attributes: { ...c.line.attributes, 'PO4:pack': seg.el(1), ...(seg.el(2) ? { 'PO4:size': seg.el(2) } : {}), ...(seg.el(3) ? { 'PO4:uom': seg.el(3) } : {}) } } };
        }
        break;
      case 'CTT':
        flushLine();
        ctt = seg;
        break;
      case 'AMT':
        if (seg.el(1) === 'TT') {
          try {
            totalAmount = decimalToMinorRounded(parseDecimal(seg.el(2), 'AMT02', { x12: true }), exp, 'AMT02');
          } catch {
            fail(seg, AdapterRejectionCode.AmountInvalid, 2, '782', { ak4: Ak4Code.InvalidCharacter }, `AMT02 '${seg.el(2)}' is not an amount`);
          }
        }
        break;
      default:
        break;
    }
  }
  flushLine();

  if (eventType === 'CREATED' && lines.length === 0) fail(null, AdapterRejectionCode.NoLines, null, null, {}, 'purchase order has no PO1 line', 'PO1');
  if (ctt === null) {
    if (eventType === 'CREATED') fail(null, AdapterRejectionCode.SegmentMissing, null, null, {}, 'CTT segment is missing', 'CTT');
  } else if (ctt.el(1) !== String(lines.length)) {
    fail(ctt, AdapterRejectionCode.ControlCountMismatch, 1, '354', { ak4: Ak4Code.InvalidCode }, `CTT01 says ${ctt.el(1)} line items, the order has ${lines.length}`);
  }

  const shipToParty = parties.get('ST') ?? fail(null, AdapterRejectionCode.SegmentMissing, null, null, {}, 'N1*ST ship-to party is missing', 'N1');
  const shipTo = partyAddress(shipToParty, options['defaultCountry'] ?? 'US');
  const billToParty = parties.get('BT');
  const buyer = parties.get('BY');
  const methodCode = td5 ? [td5.el(3), td5.el(5)].filter((v) => v !== '').join('-') || null : null;
  const orderId = canonicalOrderId('EDI', mapping.channelAccountId, poNumber);
  const subtotalMinor = lines.reduce((sum, l) => sum + l.lineSubtotalMinor, 0);
  if (buyer?.n1.el(4)) attributes['N1:BY'] = `${buyer.n1.el(3)}:${buyer.n1.el(4)}`;
  const markFor = parties.get('Z7');
  if (markFor?.n1.el(4)) attributes['N1:Z7'] = markFor.n1.el(4);

  return {
    eventId: orderEventId(orderId, eventType),
    eventType,
    orderId,
    channel: 'EDI',
    channelAccountId: mapping.channelAccountId,
    channelOrderId: poNumber,
    channelOrderNumber: null,
    purchaseOrderNumber: poNumber,
    isTest: input.isTest,
    fulfilledByChannel: false,
    customer: {
      channelCustomerId: null,
      email: contact.email,
      fullName: contact.name,
      companyName: buyer?.n1.el(2) || null,
      phone: contact.phone,
      b2bAccountRef: buyer?.n1.el(4) || null,
      taxExemptionCertificateId: null,
    },
    billTo: billToParty ? partyAddress(billToParty, options['defaultCountry'] ?? 'US') : null,
    shipTo,
    currency,
    pricesIncludeTax: false,
    lines,
    totals: { subtotalMinor, discountMinor: 0, shippingMinor: 0, taxMinor: 0, totalMinor: totalAmount ?? subtotalMinor },
    payment: { status: 'ON_TERMS', method: 'INVOICE', gateway: null, transactionRef: null, paymentTerms, amountMinor: 0 },
    shipping: {
      channelMethodCode: methodCode ?? 'UNSPECIFIED',
      serviceLevel: serviceLevelFor(mapping, methodCode),
      requestedCarrierCode: td5?.el(2) === '2' && td5.el(3) ? td5.el(3) : null,
      thirdPartyBillingAccount: null,
      shipBy,
      deliverBy,
      instructions: null,
    },
    cancellation: eventType === 'CANCELLED' ? { reasonCode: 'PO_CANCELLED', reason: null, lines: [] } : null,
    notes: null,
    attributes,
    placedAt,
    occurredAt: input.occurredAt || placedAt,
    sourceDeliveryId: input.sourceDeliveryId,
    rawSource: input.context.rawSource ?? null,
  };
}

function partyAddress(party: { n1: Seg; n2: Seg[]; n3: Seg[]; n4: Seg | null }, defaultCountry: string): PostalAddress {
  const n4 = party.n4;
  const country = n4?.el(4) || defaultCountry;
  if (!/^[A-Z]{2}$/.test(country)) fail(n4, AdapterRejectionCode.FieldInvalid, 4, '26', { ak4: Ak4Code.InvalidCode }, `N404 '${country}' is not an ISO country code`);
  const region = n4?.el(2) || null;
  return {
    name: party.n2[0]?.el(1) || null,
    company: party.n1.el(2) || null,
    lines: party.n3.flatMap((s) => [s.el(1), s.el(2)]).filter((l) => l !== ''),
    city: n4?.el(1) || null,
    region: region && /^[A-Z0-9]{1,3}$/.test(region) ? `${country}-${region}` : region,
    postalCode: n4?.el(3) || null,
    countryCode: country,
    phone: null,
    locationCode: party.n1.el(3) === '92' || party.n1.el(3) === 'UL' ? party.n1.el(4) || null : null,
  };
}
