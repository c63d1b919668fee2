import type { ChannelOrder } from '@crossdock/contracts';
import {
  Ak5Code,
  buildFunctionalAcknowledgement,
  groupProblems,
  groupTimestamp,
  interchangeProblem,
  readInterchange,
  transactionProblems,
  type EnvelopeProblem,
  type EnvelopeProblemCode,
  type FunctionalGroupAck,
  type SegmentErrorNote,
  type TransactionSetAck,
  type X12Interchange,
  type X12Seg,
} from '@crossdock/edi/x12';
import type { AdapterContext, AdapterOutcome, AdapterResult, ChannelAdapter } from '../core/adapter';
import { mappingMatches, serviceLevelFor } from '../core/channel-mapping';
import { canonicalOrderId, orderEventId } from '../core/ids';
import { AdapterRejectionCode, RejectionError, type AdapterRejection, type AdapterRejectionCode as Code } from '../core/rejection';
import { headerDetailsReader, mapHeader } from './x12-850-header.mapper';
import { linesReader } from './x12-850-lines.mapper';
import { partiesReader } from './x12-850-parties.mapper';
import { totalsReader } from './x12-850-totals.mapper';
import { X12SegmentError } from './x12-850.segment';

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
 * acknowledgement. Reading the interchange (separators from the ISA), the envelope control checks
 * and the 997 come from `@crossdock/edi/x12`; the 850 semantics are here.
 *
 * Mapping options (mapping file `options`): `skuQualifier` (PO1 product id qualifier that carries
 * the partner's item number, default 'IN'), `ourInterchangeId` ('ZZ:CROSSDOCKDIST'),
 * `ourApplicationId`, `defaultCountry` (N4 without country, default 'US').
 */
export class X12PurchaseOrderAdapter implements ChannelAdapter<X12Document, X12PurchaseOrderResult> {
  readonly channel = 'EDI' as const;
  readonly sourceFormat = 'x12-850';

  adapt(document: X12Document, context: AdapterContext): X12PurchaseOrderResult {
    const read = readInterchange(document.content);
    if ('problem' in read) {
      const code = read.problem.code === 'NOT_X12' ? AdapterRejectionCode.PayloadMalformed : rejectionCode(read.problem.code);
      const rejection: AdapterRejection = { code, field: 'ISA', message: read.problem.message, channelOrderId: null };
      return { outcomes: [{ kind: 'REJECTED', rejection }], functionalAcknowledgement: null, acknowledgedGroups: [] };
    }
    const { interchange } = read;
    const { separators, controlNumber: isa13, isa } = interchange;
    const partnerId = interchange.sender;
    const envelopeError = envelopeProblem(interchange, partnerId, context);

    const outcomes: AdapterOutcome[] = [];
    const groups: FunctionalGroupAck[] = [];
    for (const group of interchange.groups) {
      const gs = group.gs;
      const gs06 = gs.el(6);
      const { ak9Codes: groupErrors, problem: groupProblem } = groupProblems(group, { functionalId: 'PO' });
      const groupRejection = envelopeError ?? (groupProblem ? asRejection(groupProblem) : null);
      const sets: TransactionSetAck[] = [];
      for (const transaction of group.transactions) {
        const st02 = transaction.st.el(2);
        const setId = transaction.st.el(1);
        const segments = transaction.segments;
        let rejection: AdapterRejection | null = null;
        let note: SegmentErrorNote | null = null;
        const beg03 = segments.find((s) => s.tag === 'BEG')?.el(3) || null;
        const rejectWith = (code: Code, field: string | null, message: string) => (rejection ??= { code, field, message, channelOrderId: beg03 });
        const { ak5Codes, problem: setProblem } = transactionProblems(transaction, { setId: '850' });
        const setErrors = [...ak5Codes];
        if (setProblem)
          rejectWith(
            rejectionCode(setProblem.code),
            setProblem.field,
            setProblem.field === 'ST01' ? `transaction set ${setId} is not an 850` : setProblem.message,
          );
        if (groupRejection) rejectWith(groupRejection.code, groupRejection.field, groupRejection.message);
        if (rejection === null) {
          try {
            const order = map850(segments, {
              context,
              isTest: interchange.usageIndicator === 'T',
              occurredAt: groupTimestamp(gs),
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
        functionalIdCode: gs.el(1),
        groupControlNumber: gs06,
        version: gs.el(8) || '004010',
        senderApplicationId: gs.el(2),
        declaredCount: Number(group.ge?.el(1) ?? group.transactions.length) || 0,
        transactionSets: sets,
        groupErrorCodes: groupErrors,
      });
    }
    const functionalAcknowledgement = buildFunctionalAcknowledgement(
      {
        ourId: context.mapping.options['ourInterchangeId'] ?? interchange.receiver,
        partnerId,
        ourApplicationId: context.mapping.options['ourApplicationId'] ?? (interchange.groups[0]?.gs.el(3) || 'CROSSDOCK'),
        controlNumber: document.ackControlNumber ?? (Number(isa13) || 1),
        usageIndicator: interchange.usageIndicator || 'P',
        createdAt: context.receivedAt,
        separators,
        isa11: isa.el(11) || 'U',
        isa12: isa.el(12) || '00401',
      },
      groups,
    );
    return { outcomes, functionalAcknowledgement, acknowledgedGroups: groups };
  }
}

function envelopeProblem(interchange: X12Interchange, partnerId: string, context: AdapterContext): AdapterRejection | null {
  if (!mappingMatches(context.mapping, partnerId)) {
    return {
      code: AdapterRejectionCode.AccountUnknown,
      field: 'ISA06',
      message: `sender ${partnerId} is not trading partner ${context.mapping.channelAccountId}`,
      channelOrderId: null,
    };
  }
  const problem = interchangeProblem(interchange);
  return problem ? asRejection(problem) : null;
}

function asRejection(problem: EnvelopeProblem): AdapterRejection {
  return { code: rejectionCode(problem.code), field: problem.field, message: problem.message, channelOrderId: null };
}

function rejectionCode(code: EnvelopeProblemCode): Code {
  switch (code) {
    case 'CONTROL_COUNT_MISMATCH':
      return AdapterRejectionCode.ControlCountMismatch;
    case 'CONTROL_NUMBER_MISMATCH':
      return AdapterRejectionCode.ControlNumberMismatch;
    case 'UNSUPPORTED':
      return AdapterRejectionCode.DocumentUnsupported;
    case 'ENVELOPE_INVALID':
      return AdapterRejectionCode.EnvelopeInvalid;
  }
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
