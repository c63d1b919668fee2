import { createHmac, timingSafeEqual } from 'node:crypto';
import { CarrierWebhookRejectionCode, type CarrierWebhookRejection } from './carrier-webhook.rejection';

/** The header EasyPost signs every webhook delivery with (Node lower-cases incoming header names). */
export const EASYPOST_SIGNATURE_HEADER = 'x-hmac-signature';
const SIGNATURE_PREFIX = 'hmac-sha256-hex=';
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/**
 * `hmac-sha256-hex=<hex>`: HMAC-SHA256 of the raw body, keyed with the webhook secret normalised
 * to Unicode NFKD and encoded as UTF-8, as EasyPost's client libraries compute it. The body is the
 * bytes as sent: parsed and re-serialised JSON would not match.
 */
export function easyPostSignature(rawBody: Uint8Array, secret: string): string {
  return SIGNATURE_PREFIX + digestOf(rawBody, secret).toString('hex');
}

export type SignatureCheck = { readonly valid: true; readonly secretIndex: number } | { readonly valid: false; readonly rejection: CarrierWebhookRejection };

/**
 * Checks an `X-Hmac-Signature` value against every secret in force (the current one first, then
 * those still accepted while a rotation is under way). Each comparison is constant-time and every
 * secret is tried, so the answer's timing says nothing about which bytes or which secret matched.
 */
export function checkEasyPostSignature(rawBody: Uint8Array, header: string | readonly string[] | undefined, secrets: readonly string[]): SignatureCheck {
  const field = 'header:X-Hmac-Signature';
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (value === '') {
    return { valid: false, rejection: { code: CarrierWebhookRejectionCode.SignatureMissing, field, message: 'the X-Hmac-Signature header is missing' } };
  }
  const invalid: SignatureCheck = {
    valid: false,
    rejection: {
      code: CarrierWebhookRejectionCode.SignatureInvalid,
      field,
      message: 'the signature does not match the body with any configured webhook secret',
    },
  };
  const hex = value.toLowerCase().startsWith(SIGNATURE_PREFIX) ? value.slice(SIGNATURE_PREFIX.length) : '';
  if (!HEX_DIGEST.test(hex)) return invalid;
  const provided = Buffer.from(hex, 'hex');
  let matched = -1;
  secrets.forEach((secret, index) => {
    if (timingSafeEqual(digestOf(rawBody, secret), provided) && matched < 0) matched = index;
  });
  return matched >= 0 ? { valid: true, secretIndex: matched } : invalid;
}

function digestOf(rawBody: Uint8Array, secret: string): Buffer {
  return createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
    .update(rawBody)
    .digest();
}
