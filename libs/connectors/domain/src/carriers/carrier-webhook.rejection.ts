/**
 * Why a carrier webhook was refused. Stable strings: they are answered to the sender, stored with
 * the rejection, listed at GET /rejections and used as a metric label, so never rename one.
 */
export const CarrierWebhookRejectionCode = {
  /** No signature header: nothing proves who sent the body (401). */
  SignatureMissing: 'SIGNATURE_MISSING',
  /** A signature that no configured secret produces over these bytes (401). */
  SignatureInvalid: 'SIGNATURE_INVALID',
  /** Not UTF-8 JSON, or JSON that is not an object (400). */
  PayloadMalformed: 'PAYLOAD_MALFORMED',
  /** A field the update needs is absent or empty (400). */
  FieldMissing: 'FIELD_MISSING',
  /** A field is present with a value of the wrong type or form (400). */
  FieldInvalid: 'FIELD_INVALID',
} as const;
export type CarrierWebhookRejectionCode = (typeof CarrierWebhookRejectionCode)[keyof typeof CarrierWebhookRejectionCode];

export interface CarrierWebhookRejection {
  readonly code: CarrierWebhookRejectionCode;
  /** The offending part: `header:X-Hmac-Signature`, `(body)`, or a dotted field (`result.tracking_details.2.datetime`). */
  readonly field: string;
  readonly message: string;
}

/** Raised while reading a webhook to stop at the first problem; the adapter turns it into a `rejected` outcome. */
export class CarrierWebhookRejected extends Error {
  constructor(readonly rejection: CarrierWebhookRejection) {
    super(rejection.message);
    this.name = 'CarrierWebhookRejected';
  }
}

export function refuseWebhook(code: CarrierWebhookRejectionCode, field: string, message: string): never {
  throw new CarrierWebhookRejected({ code, field, message });
}
