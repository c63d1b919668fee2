import type { ChannelOrder, ChannelOrderEventType, ChannelOrderLine, PaymentStatus, PostalAddress } from '@crossdock/contracts';
import { outcomeOf, type AdapterContext, type AdapterResult, type ChannelAdapter } from '../core/adapter';
import { mappingMatches, paymentMethodFor, serviceLevelFor } from '../core/channel-mapping';
import { parseJsonWithExactIntegers, requireJsonSourceTextAccess } from '../core/exact-integer-json.parser';
import { canonicalOrderId, orderEventId } from '../core/ids';
import { currencyExponent, toMinorUnits } from '../core/money';
import { AdapterRejectionCode, reject } from '../core/rejection';
import {
  isRecord,
  optionalArray,
  optionalBoolean,
  optionalId,
  optionalRecord,
  optionalString,
  regionCode,
  requireArray,
  requireCountryCode,
  requireId,
  requireQuantity,
  requireRecord,
  requireString,
  requireTimestamp,
  type Json,
} from '../core/values';
import { verifyShopifyHmac } from './shopify-hmac';
import type { ShopifyOrderTopic } from './shopify-order.types';

/** One HTTP delivery exactly as received: the raw body bytes (never re-serialised JSON) and the headers. */
export interface ShopifyWebhookDelivery {
  readonly rawBody: Buffer | string;
  /** Header names in any case (Node lower-cases them). */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface ShopifyWebhookAdapterOptions {
  /** The webhook signing secret (app client secret) of a channel account, or null when none is configured. */
  readonly secretFor: (channelAccountId: string) => string | null;
}

export const ShopifyHeaders = {
  hmac: 'x-shopify-hmac-sha256',
  topic: 'x-shopify-topic',
  shopDomain: 'x-shopify-shop-domain',
  webhookId: 'x-shopify-webhook-id',
  eventId: 'x-shopify-event-id',
  triggeredAt: 'x-shopify-triggered-at',
  apiVersion: 'x-shopify-api-version',
} as const;

const TOPIC_EVENT: Record<ShopifyOrderTopic, ChannelOrderEventType> = {
  'orders/create': 'CREATED',
  'orders/cancelled': 'CANCELLED',
};

const FINANCIAL_STATUS: Record<string, PaymentStatus> = {
  pending: 'PENDING',
  authorized: 'AUTHORIZED',
  partially_paid: 'PARTIALLY_CAPTURED',
  paid: 'CAPTURED',
  partially_refunded: 'CAPTURED',
  refunded: 'REFUNDED',
  voided: 'VOIDED',
  expired: 'FAILED',
};

/**
 * Shopify `orders/create` and `orders/cancelled` webhooks → one CREATED / CANCELLED ChannelOrder.
 *
 * Order of checks: signature (SIGNATURE_MISSING / SIGNATURE_INVALID → HTTP 401, nothing parsed),
 * shop domain (ACCOUNT_UNKNOWN), topic (DOCUMENT_UNSUPPORTED), JSON (PAYLOAD_MALFORMED), fields.
 * eventId is stable per (order, topic), so Shopify's retries of a delivery — and a second delivery
 * of the same fact — deduplicate in order-ingest; `X-Shopify-Webhook-Id` becomes sourceDeliveryId.
 */
export class ShopifyWebhookAdapter implements ChannelAdapter<ShopifyWebhookDelivery> {
  readonly channel = 'SHOPIFY' as const;
  readonly sourceFormat = 'shopify-webhook';

  constructor(private readonly options: ShopifyWebhookAdapterOptions) {
    // Shopify's ids pass 2^53: without the reviver's source text they could not be read exactly.
    requireJsonSourceTextAccess();
  }

  adapt(delivery: ShopifyWebhookDelivery, context: AdapterContext): AdapterResult {
    let channelOrderId: string | null = null;
    const outcome = outcomeOf(null, () => {
      const signature = header(delivery, ShopifyHeaders.hmac);
      if (signature === null) {
        reject(AdapterRejectionCode.SignatureMissing, 'header:X-Shopify-Hmac-Sha256', 'webhook is not signed');
      }
      const secret = this.options.secretFor(context.mapping.channelAccountId);
      if (secret === null || !verifyShopifyHmac(delivery.rawBody, signature, secret)) {
        reject(AdapterRejectionCode.SignatureInvalid, 'header:X-Shopify-Hmac-Sha256', 'webhook signature does not match the body');
      }
      const shop = header(delivery, ShopifyHeaders.shopDomain);
      if (!mappingMatches(context.mapping, shop)) {
        reject(
          AdapterRejectionCode.AccountUnknown,
          'header:X-Shopify-Shop-Domain',
          `shop '${shop ?? ''}' is not channel account ${context.mapping.channelAccountId}`,
        );
      }
      const topic = header(delivery, ShopifyHeaders.topic);
      if (topic !== 'orders/create' && topic !== 'orders/cancelled') {
        reject(AdapterRejectionCode.DocumentUnsupported, 'header:X-Shopify-Topic', `topic '${topic ?? ''}' is not handled`);
      }
      const body = parseJson(delivery.rawBody);
      channelOrderId = shopifyOrderId(body);
      const order = mapShopifyOrder(body, TOPIC_EVENT[topic], context, header(delivery, ShopifyHeaders.webhookId));
      return { kind: 'ORDER', order };
    });
    return {
      outcomes: [outcome.kind === 'REJECTED' ? { ...outcome, rejection: { ...outcome.rejection, channelOrderId } } : outcome],
    };
  }
}

function header(delivery: ShopifyWebhookDelivery, name: string): string | null {
  for (const [key, value] of Object.entries(delivery.headers)) {
    if (key.toLowerCase() !== name) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' && first.trim() !== '' ? first.trim() : null;
  }
  return null;
}

/** The body as JSON, every integer beyond 2^53 (Shopify's 64-bit ids) kept as its exact decimal string. */
function parseJson(rawBody: Buffer | string): Json {
  let parsed: unknown;
  try {
    parsed = parseJsonWithExactIntegers(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8'));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    reject(AdapterRejectionCode.PayloadMalformed, null, 'body is not JSON');
  }
  if (!isRecord(parsed)) reject(AdapterRejectionCode.PayloadMalformed, null, 'body is not a JSON object');
  return parsed;
}

/**
 * The order id as exact digits: the GraphQL gid when present, else the JSON id (parsed exactly by
 * {@link parseJson}, a decimal string when beyond 2^53).
 */
function shopifyOrderId(body: Json): string | null {
  const gid = typeof body['admin_graphql_api_id'] === 'string' ? /^gid:\/\/shopify\/Order\/(\d+)$/.exec(body['admin_graphql_api_id']) : null;
  if (gid?.[1]) return gid[1];
  try {
    return optionalId(body['id'], 'id');
  } catch {
    return null;
  }
}

/**
 * Maps a verified Shopify order JSON to a ChannelOrder. Exported for replays of archived payloads: parse
 * them with `parseJsonWithExactIntegers`, since an id rounded by plain `JSON.parse` is refused (FIELD_INVALID).
 */
export function mapShopifyOrder(body: Json, eventType: ChannelOrderEventType, context: AdapterContext, webhookId: string | null): ChannelOrder {
  const { mapping } = context;
  const channelOrderId = shopifyOrderId(body) ?? requireId(body['id'], 'id');
  const orderId = canonicalOrderId('SHOPIFY', mapping.channelAccountId, channelOrderId);
  const currency = requireString(body['currency'], 'currency');
  const exp = currencyExponent(currency, 'currency');
  const money = (value: unknown, field: string) => toMinorUnits(value, exp, field);

  const lineItems = requireArray(body['line_items'], 'line_items');
  if (lineItems.length === 0 && eventType === 'CREATED') reject(AdapterRejectionCode.NoLines, 'line_items', 'order has no line items');
  const lines = lineItems.map((item, i) => mapLine(requireRecord(item, `line_items[${i}]`), i, money));

  const shippingLines = optionalArray(body['shipping_lines'], 'shipping_lines').map((s, i) => requireRecord(s, `shipping_lines[${i}]`));
  const firstShipping = shippingLines[0] ?? null;
  const shippingMethod = firstShipping
    ? (optionalString(firstShipping['title'], 'shipping_lines[0].title') ?? optionalString(firstShipping['code'], 'shipping_lines[0].code'))
    : null;
  if (shippingMethod === null) reject(AdapterRejectionCode.FieldMissing, 'shipping_lines', 'order has no shipping line');
  const shippingMinor = shippingLines.reduce(
    (sum, s, i) =>
      sum + money(s['discounted_price'] ?? s['price'], `shipping_lines[${i}].${s['discounted_price'] === undefined ? 'price' : 'discounted_price'}`),
    0,
  );

  const totalMinor = money(body['total_price'], 'total_price');
  const financialStatus = requireString(body['financial_status'], 'financial_status');
  const paymentStatus = FINANCIAL_STATUS[financialStatus];
  if (!paymentStatus) reject(AdapterRejectionCode.FieldInvalid, 'financial_status', `financial_status '${financialStatus}' is not a Shopify status`);
  const outstandingMinor = body['total_outstanding'] === undefined ? null : money(body['total_outstanding'], 'total_outstanding');
  const gateways = optionalArray(body['payment_gateway_names'], 'payment_gateway_names').filter((g): g is string => typeof g === 'string');
  const gateway = gateways[0] ?? optionalString(body['gateway'], 'gateway');

  const customer = optionalRecord(body['customer'], 'customer');
  const company = optionalRecord(body['company'], 'company');
  const shipping = optionalRecord(body['shipping_address'], 'shipping_address');
  if (shipping === null) reject(AdapterRejectionCode.FieldMissing, 'shipping_address', 'order has no shipping address');
  const billing = optionalRecord(body['billing_address'], 'billing_address');
  const shipTo = mapAddress(shipping, 'shipping_address');
  const billTo = billing ? mapAddress(billing, 'billing_address') : null;
  const customerName = customer
    ? joinName(optionalString(customer['first_name'], 'customer.first_name'), optionalString(customer['last_name'], 'customer.last_name'))
    : null;

  const placedAt = requireTimestamp(body['created_at'], 'created_at');
  const cancelledAt = eventType === 'CANCELLED' ? requireTimestamp(body['cancelled_at'], 'cancelled_at') : null;
  const paymentTerms = optionalRecord(body['payment_terms'], 'payment_terms');

  return {
    eventId: orderEventId(orderId, eventType),
    eventType,
    orderId,
    channel: 'SHOPIFY',
    channelAccountId: mapping.channelAccountId,
    channelOrderId,
    channelOrderNumber: optionalString(body['name'], 'name'),
    purchaseOrderNumber: optionalString(body['po_number'], 'po_number'),
    isTest: optionalBoolean(body['test'], 'test') ?? false,
    fulfilledByChannel: false,
    customer: {
      channelCustomerId: customer ? optionalId(customer['id'], 'customer.id') : null,
      email: optionalString(body['email'], 'email') ?? (customer ? optionalString(customer['email'], 'customer.email') : null),
      fullName: customerName ?? billTo?.name ?? shipTo.name,
      companyName: billTo?.company ?? shipTo.company,
      phone: optionalString(body['phone'], 'phone') ?? (customer ? optionalString(customer['phone'], 'customer.phone') : null) ?? billTo?.phone ?? null,
      b2bAccountRef: company ? optionalId(company['location_id'], 'company.location_id') : null,
      taxExemptionCertificateId: null,
    },
    billTo,
    shipTo,
    currency,
    pricesIncludeTax: optionalBoolean(body['taxes_included'], 'taxes_included') ?? mapping.pricesIncludeTax,
    lines,
    totals: {
      subtotalMinor: lines.reduce((sum, l) => sum + l.lineSubtotalMinor, 0),
      discountMinor: money(body['total_discounts'], 'total_discounts'),
      shippingMinor,
      taxMinor: money(body['total_tax'], 'total_tax'),
      totalMinor,
    },
    payment: {
      status: paymentStatus,
      method: paymentMethodFor(mapping, gateway, 'OTHER'),
      gateway,
      transactionRef: null,
      paymentTerms: paymentTerms ? optionalString(paymentTerms['payment_terms_name'], 'payment_terms.payment_terms_name') : null,
      amountMinor:
        paymentStatus === 'PENDING' || paymentStatus === 'VOIDED' || paymentStatus === 'FAILED'
          ? 0
          : paymentStatus === 'AUTHORIZED' || outstandingMinor === null
            ? totalMinor
            : Math.max(0, totalMinor - outstandingMinor),
    },
    shipping: {
      channelMethodCode: shippingMethod,
      serviceLevel: serviceLevelFor(mapping, shippingMethod, firstShipping ? optionalString(firstShipping['code'], 'shipping_lines[0].code') : null),
      requestedCarrierCode: null,
      thirdPartyBillingAccount: null,
      shipBy: null,
      deliverBy: null,
      instructions: null,
    },
    cancellation: eventType === 'CANCELLED' ? { reasonCode: optionalString(body['cancel_reason'], 'cancel_reason') ?? 'other', reason: null, lines: [] } : null,
    notes: optionalString(body['note'], 'note'),
    attributes: orderAttributes(body),
    placedAt,
    occurredAt: cancelledAt ?? placedAt,
    sourceDeliveryId: webhookId,
    rawSource: context.rawSource ?? null,
  };
}

function mapLine(item: Json, i: number, money: (value: unknown, field: string) => number): ChannelOrderLine {
  const at = `line_items[${i}]`;
  const quantity = requireQuantity(item['quantity'], `${at}.quantity`);
  const unitPriceMinor = money(item['price'], `${at}.price`);
  const allocations = item['discount_allocations'];
  const discountMinor = Array.isArray(allocations)
    ? allocations.reduce<number>(
        (sum, a, j) => sum + money(requireRecord(a, `${at}.discount_allocations[${j}]`)['amount'], `${at}.discount_allocations[${j}].amount`),
        0,
      )
    : money(item['total_discount'] ?? '0', `${at}.total_discount`);
  const taxMinor = optionalArray(item['tax_lines'], `${at}.tax_lines`).reduce<number>(
    (sum, t, j) => sum + money(requireRecord(t, `${at}.tax_lines[${j}]`)['price'], `${at}.tax_lines[${j}].price`),
    0,
  );
  const attributes: Record<string, string> = {};
  const productId = optionalId(item['product_id'], `${at}.product_id`);
  if (productId) attributes['product_id'] = productId;
  const variantTitle = optionalString(item['variant_title'], `${at}.variant_title`);
  if (variantTitle) attributes['variant_title'] = variantTitle;
  const vendor = optionalString(item['vendor'], `${at}.vendor`);
  if (vendor) attributes['vendor'] = vendor;
  for (const property of optionalArray(item['properties'], `${at}.properties`)) {
    if (isRecord(property) && typeof property['name'] === 'string' && property['value'] != null) {
      attributes[`property:${property['name']}`] = String(property['value']);
    }
  }
  return {
    lineId: requireId(item['id'], `${at}.id`),
    channelSku: requireString(item['sku'], `${at}.sku`).trim(),
    channelProductId: optionalId(item['variant_id'], `${at}.variant_id`),
    gtin: null,
    description: optionalString(item['name'], `${at}.name`) ?? optionalString(item['title'], `${at}.title`),
    quantity,
    unitOfMeasure: null,
    unitPriceMinor,
    lineSubtotalMinor: unitPriceMinor * quantity,
    discountMinor,
    taxMinor,
    attributes,
  };
}

function mapAddress(address: Json, at: string): PostalAddress {
  const countryCode = requireCountryCode(address['country_code'], `${at}.country_code`);
  const name =
    optionalString(address['name'], `${at}.name`) ??
    joinName(optionalString(address['first_name'], `${at}.first_name`), optionalString(address['last_name'], `${at}.last_name`));
  return {
    name,
    company: optionalString(address['company'], `${at}.company`),
    lines: [optionalString(address['address1'], `${at}.address1`), optionalString(address['address2'], `${at}.address2`)].filter(
      (l): l is string => l !== null,
    ),
    city: optionalString(address['city'], `${at}.city`),
    region: regionCode(countryCode, optionalString(address['province_code'], `${at}.province_code`) ?? optionalString(address['province'], `${at}.province`)),
    postalCode: optionalString(address['zip'], `${at}.zip`),
    countryCode,
    phone: optionalString(address['phone'], `${at}.phone`),
    locationCode: null,
  };
}

function joinName(first: string | null, last: string | null): string | null {
  const name = [first, last].filter((p) => p !== null).join(' ');
  return name === '' ? null : name;
}

function orderAttributes(body: Json): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const key of ['source_name', 'tags', 'financial_status', 'fulfillment_status', 'presentment_currency', 'landing_site', 'confirmation_number']) {
    const value = body[key];
    if (typeof value === 'string' && value !== '') attributes[key] = value;
  }
  if (typeof body['order_number'] === 'number') attributes['order_number'] = String(body['order_number']);
  for (const note of optionalArray(body['note_attributes'], 'note_attributes')) {
    if (isRecord(note) && typeof note['name'] === 'string' && note['value'] != null) attributes[`note:${note['name']}`] = String(note['value']);
  }
  return attributes;
}
