import { createHmac, timingSafeEqual } from 'node:crypto';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Shopify webhook authenticity: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the RAW request
 * body (exact bytes, before any JSON parsing or re-serialisation) keyed with the app's client secret.
 * Compared in constant time on the decoded digest bytes.
 */
export function verifyShopifyHmac(rawBody: Buffer | string, signatureBase64: string, secret: string): boolean {
  if (secret.length === 0) return false;
  const signature = signatureBase64.trim();
  if (!BASE64.test(signature)) return false;
  const provided = Buffer.from(signature, 'base64');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  // timingSafeEqual requires equal lengths; the length of a SHA-256 digest is public anyway.
  return provided.length === expected.length && timingSafeEqual(provided, expected);
}

/** Signs a body the way Shopify does; for tests, simulators and the demo's traffic generator. */
export function signShopifyBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}
