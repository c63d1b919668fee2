/**
 * Why an adapter refused a channel document. Stable codes: the gateway's HTTP answers, the
 * rejected-file folder, 997 acknowledgements, dashboards and runbooks key on them — add codes,
 * never rename one.
 */
export const AdapterRejectionCode = {
  /** The webhook carries no signature header. HTTP 401, nothing published. */
  SignatureMissing: 'SIGNATURE_MISSING',
  /** The signature does not match the raw body and the account's secret. HTTP 401, nothing published. */
  SignatureInvalid: 'SIGNATURE_INVALID',
  /** The delivery names no known channel account (shop domain, seller id, EDI sender id). */
  AccountUnknown: 'ACCOUNT_UNKNOWN',
  /** The document kind is not one this adapter handles (webhook topic, X12 transaction set, BEG01 purpose). */
  DocumentUnsupported: 'DOCUMENT_UNSUPPORTED',
  /** The body is not parseable at all (not JSON, not an X12 interchange). */
  PayloadMalformed: 'PAYLOAD_MALFORMED',
  /** A required field is absent or empty. */
  FieldMissing: 'FIELD_MISSING',
  /** A field is present but has the wrong type, format or code value. */
  FieldInvalid: 'FIELD_INVALID',
  /** A money amount is not an exact decimal in the currency's minor unit (or is negative). */
  AmountInvalid: 'AMOUNT_INVALID',
  /** A quantity is not a positive whole number. */
  QuantityInvalid: 'QUANTITY_INVALID',
  /** The currency is not an ISO 4217 code this hub knows the minor unit of, or amounts mix currencies. */
  CurrencyInvalid: 'CURRENCY_INVALID',
  /** A timestamp or date is missing its parts or is not a real date. */
  DateInvalid: 'DATE_INVALID',
  /** A creation event with no order lines. */
  NoLines: 'NO_LINES',
  /** X12 envelope broken: ISA not 106 characters, bad separators, missing GS/ST/trailers. */
  EnvelopeInvalid: 'X12_ENVELOPE_INVALID',
  /** X12 control count wrong: SE01, GE01, IEA01 or CTT01 does not match what was received. */
  ControlCountMismatch: 'X12_CONTROL_COUNT_MISMATCH',
  /** X12 control number in a trailer differs from its header (SE02/ST02, GE02/GS06, IEA02/ISA13). */
  ControlNumberMismatch: 'X12_CONTROL_NUMBER_MISMATCH',
  /** A mandatory X12 segment (BEG, N1*ST, PO1, CTT…) is missing. */
  SegmentMissing: 'X12_SEGMENT_MISSING',
} as const;

export type AdapterRejectionCode = (typeof AdapterRejectionCode)[keyof typeof AdapterRejectionCode];

export interface AdapterRejection {
  readonly code: AdapterRejectionCode;
  /**
   * The offending field as a path in the channel's own vocabulary: `line_items[1].price`,
   * `header:X-Shopify-Hmac-Sha256`, `OrderItems[0].ItemPrice.Amount`; for X12 the element and the segment's position in the
   * transaction set (`PO104@21`), or the envelope element (`SE01`, `GE01`, `ISA06`).
   * Null when the whole document is at fault.
   */
  readonly field: string | null;
  readonly message: string;
  /** Channel order id when it could be read before the failure; lets operations find the order. */
  readonly channelOrderId: string | null;
}

/** Thrown inside mappers and turned into an {@link AdapterRejection}; never escapes an adapter. */
export class RejectionError extends Error {
  constructor(
    readonly code: AdapterRejectionCode,
    readonly field: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'RejectionError';
  }
}

export function reject(code: AdapterRejectionCode, field: string | null, message: string): never {
  throw new RejectionError(code, field, message);
}

/** HTTP status a gateway answers a rejected webhook with: 401 for signature problems, else 4xx. */
export function rejectionHttpStatus(code: AdapterRejectionCode): 401 | 400 | 422 {
  switch (code) {
    case AdapterRejectionCode.SignatureMissing:
    case AdapterRejectionCode.SignatureInvalid:
      return 401;
    case AdapterRejectionCode.PayloadMalformed:
    case AdapterRejectionCode.DocumentUnsupported:
    case AdapterRejectionCode.AccountUnknown:
      return 400;
    default:
      return 422;
  }
}
