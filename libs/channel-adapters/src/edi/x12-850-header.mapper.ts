import type { ChannelOrderEventType } from '@crossdock/contracts';
import type { ChannelAccountMapping } from '../core/channel-mapping';
import { currencyExponent } from '../core/money';
import { AdapterRejectionCode } from '../core/rejection';
import { Ak4Code, type X12Seg } from '@crossdock/edi/x12';
import { rejectSegment, requiredElement, x12Date, type SegmentGroupReader } from './x12-850.segment';

/** What BEG and CUR say: which order, what happened to it, when, and in which currency. */
export interface PurchaseOrderHeader {
  readonly eventType: ChannelOrderEventType;
  /** BEG03. */
  readonly poNumber: string;
  /** BEG05. */
  readonly placedAt: number;
  readonly currency: string;
  /** The currency's ISO 4217 exponent, for every amount of the order. */
  readonly exponent: number;
  /** BEG02, the PO type code (SA stand-alone, ...). */
  readonly poTypeCode: string;
}

/**
 * BEG (mandatory; BEG01 purpose 00 original → CREATED, 01 cancellation → CANCELLED) and CUR*BY, else
 * the mapping's default currency. Read before any other segment: nothing else maps without them.
 */
export function mapHeader(segments: readonly X12Seg[], mapping: ChannelAccountMapping): PurchaseOrderHeader {
  const beg =
    segments.find((s) => s.tag === 'BEG') ?? rejectSegment(null, AdapterRejectionCode.SegmentMissing, null, null, {}, 'BEG segment is missing', 'BEG');
  const purpose = requiredElement(beg, 1, '353', 'transaction set purpose');
  const eventType: ChannelOrderEventType | undefined = purpose === '00' ? 'CREATED' : purpose === '01' ? 'CANCELLED' : undefined;
  if (!eventType)
    rejectSegment(
      beg,
      AdapterRejectionCode.DocumentUnsupported,
      1,
      '353',
      { ak4: Ak4Code.InvalidCode },
      `BEG01 '${purpose}' (only 00 original and 01 cancellation are handled)`,
    );
  const poNumber = requiredElement(beg, 3, '324', 'purchase order number');
  const placedAt = x12Date(beg, 5, '373');

  const currencySeg = segments.find((s) => s.tag === 'CUR' && s.el(1) === 'BY');
  const currency =
    currencySeg?.el(2) ||
    mapping.defaultCurrency ||
    rejectSegment(null, AdapterRejectionCode.FieldMissing, null, null, {}, 'no CUR segment and no default currency', 'CUR');
  let exponent: number;
  try {
    exponent = currencyExponent(currency, 'CUR02');
  } catch {
    rejectSegment(
      currencySeg ?? null,
      AdapterRejectionCode.CurrencyInvalid,
      currencySeg ? 2 : null,
      '100',
      { ak4: Ak4Code.InvalidCode },
      `currency '${currency}' is not ISO 4217`,
      'CUR',
    );
  }
  return { eventType, poNumber, placedAt, currency, exponent, poTypeCode: beg.el(2) };
}

/** The rest of the heading area: references, terms of sale, dates, carrier. */
export interface HeaderDetails {
  /** `REF:<REF01>` → REF02 (else REF03), in the order received; a repeated qualifier keeps its last value. */
  readonly references: Readonly<Record<string, string>>;
  /** The last ITD's terms ({@link termsOfSale}). */
  readonly paymentTerms: string | null;
  /** The last DTM 010 (requested ship) or 038 (ship no later). */
  readonly shipBy: number | null;
  /** The last DTM 002 (delivery requested) or 074 (requested for delivery, prior to). */
  readonly deliverBy: number | null;
  /** The first TD5's `TD503-TD505` (carrier code, routing), whichever are present. */
  readonly methodCode: string | null;
  /** TD503 when TD502 says it is a SCAC (2). */
  readonly requestedCarrierCode: string | null;
}

/** REF, ITD, DTM and TD5, as they come. */
export function headerDetailsReader(): SegmentGroupReader & { finish(): HeaderDetails } {
  const references: Record<string, string> = {};
  let paymentTerms: string | null = null;
  let shipBy: number | null = null;
  let deliverBy: number | null = null;
  let td5: X12Seg | null = null;
  return {
    read(seg) {
      switch (seg.tag) {
        case 'REF':
          if (seg.el(1)) references[`REF:${seg.el(1)}`] = seg.el(2) || seg.el(3);
          break;
        case 'ITD':
          paymentTerms = termsOfSale(seg);
          break;
        case 'DTM':
          if (seg.el(1) === '010' || seg.el(1) === '038') shipBy = x12Date(seg, 2, '373');
          else if (seg.el(1) === '002' || seg.el(1) === '074') deliverBy = x12Date(seg, 2, '373');
          break;
        case 'TD5':
          td5 ??= seg;
          break;
        default:
          break;
      }
    },
    finish() {
      const carrier = td5;
      return {
        references,
        paymentTerms,
        shipBy,
        deliverBy,
        methodCode: carrier ? [carrier.el(3), carrier.el(5)].filter((v) => v !== '').join('-') || null : null,
        requestedCarrierCode: carrier?.el(2) === '2' && carrier.el(3) ? carrier.el(3) : null,
      };
    },
  };
}

/** ITD: net days (ITD07) as `NET<n>`, else the terms description (ITD12). */
export function termsOfSale(itd: X12Seg): string | null {
  const netDays = itd.el(7);
  if (netDays && !/^\d+$/.test(netDays))
    rejectSegment(itd, AdapterRejectionCode.FieldInvalid, 7, '386', { ak4: Ak4Code.InvalidCharacter }, `ITD07 '${netDays}' is not a number of days`);
  return netDays ? `NET${netDays}` : itd.el(12) || null;
}
