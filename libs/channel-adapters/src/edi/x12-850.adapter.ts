import type { ChannelOrder } from '@crossdock/contracts';
import { X12Parser, type X12Interchange, type X12Segment } from 'node-x12';
import type { AdapterContext, AdapterOutcome, AdapterResult, ChannelAdapter } from '../core/adapter';
import { mappingMatches, serviceLevelFor } from '../core/channel-mapping';
import { canonicalOrderId, orderEventId } from '../core/ids';
import { AdapterRejectionCode, RejectionError, type AdapterRejection, type AdapterRejectionCode as Code } from '../core/rejection';
import { Ak5Code, Ak9Code, buildFunctionalAcknowledgement, type FunctionalGroupAck, type SegmentErrorNote, type TransactionSetAck } from './x12-997';
import { headerDetailsReader, mapHeader } from './x12-850-header.mapper';
import { linesReader } from './x12-850-lines.mapper';
import { partiesReader } from './x12-850-parties.mapper';
import { totalsReader } from './x12-850-totals.mapper';
import { x12Seg, X12SegmentError, type X12Seg } from './x12-850.segment';

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
    if ('rejection' in parsed)
      return { outcomes: [{ kind: 'REJECTED', rejection: parsed.rejection }], functionalAcknowledgement: null, acknowledgedGroups: [] };
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
        const segments: X12Seg[] = transaction.segments.map((s, i) => toSeg(s, i + 2));
        const setErrors: string[] = [];
        let rejection: AdapterRejection | null = null;
        let note: SegmentErrorNote | null = null;
        const beg03 = segments.find((s) => s.tag === 'BEG')?.el(3) || null;
        const rejectWith = (code: Code, field: string | null, message: string) => (rejection ??= { code, field, message, channelOrderId: beg03 });
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
        sets.push({
          setId,
          controlNumber: st02,
          accepted: rejection === null,
          errorCodes: rejection === null ? [] : setErrors,
          segmentErrors: note ? [note] : [],
        });
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
  return {
    interchange: parsed,
    isa13: isaElements[13] ?? '',
    separators: { element, component, segment, lineBreak: afterTerminator === '\r' ? '\r\n' : afterTerminator === '\n' && segment !== '\n' ? '\n' : '' },
  };
}

function envelopeProblem(interchange: X12Interchange, isa13: string, partnerId: string, context: AdapterContext): AdapterRejection | null {
  if (!mappingMatches(context.mapping, partnerId)) {
    return {
      code: AdapterRejectionCode.AccountUnknown,
      field: 'ISA06',
      message: `sender ${partnerId} is not trading partner ${context.mapping.channelAccountId}`,
      channelOrderId: null,
    };
  }
  if (!/^\d{9}$/.test(isa13))
    return { code: AdapterRejectionCode.EnvelopeInvalid, field: 'ISA13', message: `ISA13 '${isa13}' is not a 9-digit control number`, channelOrderId: null };
  const iea = interchange.trailer;
  if (!iea) return { code: AdapterRejectionCode.EnvelopeInvalid, field: 'IEA', message: 'interchange has no IEA trailer', channelOrderId: null };
  if (iea.valueOf(1) !== String(interchange.functionalGroups.length)) {
    return {
      code: AdapterRejectionCode.ControlCountMismatch,
      field: 'IEA01',
      message: `IEA01 says ${iea.valueOf(1)} groups, the interchange has ${interchange.functionalGroups.length}`,
      channelOrderId: null,
    };
  }
  if (iea.valueOf(2) !== String(Number(isa13))) {
    return {
      code: AdapterRejectionCode.ControlNumberMismatch,
      field: 'IEA02',
      message: `IEA02 ${iea.valueOf(2)} does not match ISA13 ${isa13}`,
      channelOrderId: null,
    };
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

function toSeg(segment: X12Segment, position: number): X12Seg {
  return x12Seg(
    segment.tag,
    position,
    segment.elements.map((e) => e.value),
  );
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

/**
 * One 850 transaction set → one ChannelOrder, by segment group: BEG and CUR first (nothing maps
 * without them); then every segment, in document order, to the heading, N1 loop, PO1 loop and summary
 * readers, so the first segment in error is the one rejected; then what only the whole set tells
 * (no lines, the CTT count, the ship-to party and the addresses).
 */
function map850(segments: readonly X12Seg[], input: MapInput): ChannelOrder {
  const { mapping } = input.context;
  const options = mapping.options;
  const header = mapHeader(segments, mapping);
  const heading = headerDetailsReader();
  const partyLoops = partiesReader();
  const lineLoops = linesReader({ exponent: header.exponent, skuQualifier: options['skuQualifier'] ?? 'IN' });
  const summary = totalsReader(header.exponent);
  for (const seg of segments) for (const group of [heading, partyLoops, lineLoops, summary]) group.read(seg);

  const lines = lineLoops.finish(header.eventType);
  const totalAmount = summary.finish(header.eventType, lines.length);
  const parties = partyLoops.finish(options['defaultCountry'] ?? 'US');
  const details = heading.finish();
  const orderId = canonicalOrderId('EDI', mapping.channelAccountId, header.poNumber);
  const subtotalMinor = lines.reduce((sum, l) => sum + l.lineSubtotalMinor, 0);

  return {
    eventId: orderEventId(orderId, header.eventType),
    eventType: header.eventType,
    orderId,
    channel: 'EDI',
    channelAccountId: mapping.channelAccountId,
    channelOrderId: header.poNumber,
    channelOrderNumber: null,
    purchaseOrderNumber: header.poNumber,
    isTest: input.isTest,
    fulfilledByChannel: false,
    customer: {
      channelCustomerId: null,
      email: parties.contact.email,
      fullName: parties.contact.name,
      companyName: parties.buyer.companyName,
      phone: parties.contact.phone,
      b2bAccountRef: parties.buyer.accountRef,
      taxExemptionCertificateId: null,
    },
    billTo: parties.billTo,
    shipTo: parties.shipTo,
    currency: header.currency,
    pricesIncludeTax: false,
    lines,
    totals: { subtotalMinor, discountMinor: 0, shippingMinor: 0, taxMinor: 0, totalMinor: totalAmount ?? subtotalMinor },
    payment: { status: 'ON_TERMS', method: 'INVOICE', gateway: null, transactionRef: null, paymentTerms: details.paymentTerms, amountMinor: 0 },
    shipping: {
      channelMethodCode: details.methodCode ?? 'UNSPECIFIED',
      serviceLevel: serviceLevelFor(mapping, details.methodCode),
      requestedCarrierCode: details.requestedCarrierCode,
      thirdPartyBillingAccount: null,
      shipBy: details.shipBy,
      deliverBy: details.deliverBy,
      instructions: null,
    },
    cancellation: header.eventType === 'CANCELLED' ? { reasonCode: 'PO_CANCELLED', reason: null, lines: [] } : null,
    notes: null,
    attributes: { BEG02: header.poTypeCode, ...details.references, ...parties.attributes },
    placedAt: header.placedAt,
    occurredAt: input.occurredAt || header.placedAt,
    sourceDeliveryId: input.sourceDeliveryId,
    rawSource: input.context.rawSource ?? null,
  };
}
