import type { ChannelOrder, ChannelOrderEventType, ChannelOrderLine, PaymentStatus, PostalAddress } from '@crossdock/contracts';
import { outcomeOf, type AdapterContext, type AdapterOutcome, type AdapterResult, type ChannelAdapter } from '../core/adapter';
import { paymentMethodFor, serviceLevelFor } from '../core/channel-mapping';
import { canonicalOrderId, orderEventId } from '../core/ids';
import { currencyExponent, divideRounded, toMinorUnits } from '../core/money';
import { AdapterRejectionCode, reject } from '../core/rejection';
import {
  isRecord,
  optionalArray,
  optionalBoolean,
  optionalRecord,
  optionalString,
  optionalTimestamp,
  regionCode,
  requireCountryCode,
  requireQuantity,
  requireRecord,
  requireString,
  requireTimestamp,
  type Json,
} from '../core/values';

/** One Amazon order as the poller assembled it: a getOrders entry and all its getOrderItems pages. */
export interface AmazonOrderDocument {
  readonly order: unknown;
  readonly items: readonly unknown[];
}

/** What each OrderStatus means for the hub. */
const STATUS_EVENT: Record<string, { event: ChannelOrderEventType; payment: PaymentStatus } | { skip: string }> = {
  PendingAvailability: { skip: 'pre-order not yet available: no payment authorization, items or address yet' },
  Pending: { skip: 'payment not yet authorized: items and address are not final until Unshipped' },
  Unfulfillable: { skip: 'Amazon cannot fulfil the order (multi-channel fulfilment); nothing to book' },
  Unshipped: { event: 'CREATED', payment: 'AUTHORIZED' },
  PartiallyShipped: { event: 'CREATED', payment: 'AUTHORIZED' },
  Shipped: { event: 'CREATED', payment: 'CAPTURED' },
  InvoiceUnconfirmed: { event: 'CREATED', payment: 'CAPTURED' },
  Canceled: { event: 'CANCELLED', payment: 'VOIDED' },
};

/**
 * Amazon SP-API order + items → ChannelOrder. Pending/PendingAvailability orders are SKIPPED (they
 * come back with a new LastUpdateDate once Unshipped); Canceled becomes a CANCELLED event. Every
 * later status of a created order (PartiallyShipped, Shipped) maps to the same CREATED eventId, so
 * order-ingest sees one creation however often the poller sees the order change.
 */
export class AmazonOrderAdapter implements ChannelAdapter<AmazonOrderDocument> {
  readonly channel = 'AMAZON' as const;
  readonly sourceFormat = 'amazon-sp-api-orders';

  adapt(document: AmazonOrderDocument, context: AdapterContext): AdapterResult {
    const id = isRecord(document.order) && typeof document.order['AmazonOrderId'] === 'string' ? document.order['AmazonOrderId'] : null;
    return { outcomes: [outcomeOf(id, () => mapAmazonOrder(document, context))] };
  }
}

export function mapAmazonOrder(document: AmazonOrderDocument, context: AdapterContext): AdapterOutcome {
  const { mapping } = context;
  const order = requireRecord(document.order, 'Order');
  const amazonOrderId = requireString(order['AmazonOrderId'], 'AmazonOrderId');
  if (!/^\d{3}-\d{7}-\d{7}$/.test(amazonOrderId)) reject(AdapterRejectionCode.FieldInvalid, 'AmazonOrderId', `'${amazonOrderId}' is not an Amazon order id`);
  const status = requireString(order['OrderStatus'], 'OrderStatus');
  const meaning = STATUS_EVENT[status];
  if (!meaning) reject(AdapterRejectionCode.FieldInvalid, 'OrderStatus', `OrderStatus '${status}' is not an SP-API order status`);
  if ('skip' in meaning) return { kind: 'SKIPPED', channelOrderId: amazonOrderId, reason: `${status}: ${meaning.skip}` };
  const eventType = meaning.event;

  const orderTotal = optionalRecord(order['OrderTotal'], 'OrderTotal');
  const items = document.items.map((item, i) => requireRecord(item, `OrderItems[${i}]`));
  const currency = orderTotal
    ? requireString(orderTotal['CurrencyCode'], 'OrderTotal.CurrencyCode')
    : (firstCurrency(items) ?? mapping.defaultCurrency ?? reject(AdapterRejectionCode.FieldMissing, 'OrderTotal', 'no currency'));
  const exp = currencyExponent(currency, orderTotal ? 'OrderTotal.CurrencyCode' : 'OrderItems[].ItemPrice.CurrencyCode');
  const money = (value: unknown, field: string, allowAbsent = true): number => {
    if (value === undefined || value === null) {
      if (allowAbsent) return 0;
      reject(AdapterRejectionCode.FieldMissing, field, `${field} is missing`);
    }
    const m = requireRecord(value, field);
    if (m['CurrencyCode'] !== currency) {
      reject(AdapterRejectionCode.CurrencyInvalid, `${field}.CurrencyCode`, `${field} is in '${String(m['CurrencyCode'])}', the order in ${currency}`);
    }
    return toMinorUnits(m['Amount'], exp, `${field}.Amount`);
  };

  const lines: ChannelOrderLine[] = [];
  let shippingMinor = 0;
  let taxMinor = 0;
  let discountMinor = 0;
  let buyerCancelReason: string | null = null;
  items.forEach((item, i) => {
    const at = `OrderItems[${i}]`;
    const quantityOrdered = item['QuantityOrdered'];
    const cancel = optionalRecord(item['BuyerRequestedCancel'], `${at}.BuyerRequestedCancel`);
    if (cancel && cancel['IsBuyerRequestedCancel'] === 'true') {
      buyerCancelReason ??= optionalString(cancel['BuyerCancelReason'], `${at}.BuyerRequestedCancel.BuyerCancelReason`) ?? '';
    }
    // A canceled order reports QuantityOrdered 0 on its items: nothing left to list as a line.
    if (eventType === 'CANCELLED' && quantityOrdered === 0) return;
    const quantity = requireQuantity(quantityOrdered, `${at}.QuantityOrdered`);
    // ItemPrice is the extended price (unit price × QuantityOrdered), per the SP-API model.
    const lineSubtotalMinor = money(item['ItemPrice'], `${at}.ItemPrice`, false);
    const lineTax = money(item['ItemTax'], `${at}.ItemTax`) - money(item['PromotionDiscountTax'], `${at}.PromotionDiscountTax`);
    const lineDiscount = money(item['PromotionDiscount'], `${at}.PromotionDiscount`);
    shippingMinor += money(item['ShippingPrice'], `${at}.ShippingPrice`) - money(item['ShippingDiscount'], `${at}.ShippingDiscount`);
    taxMinor += lineTax + money(item['ShippingTax'], `${at}.ShippingTax`) - money(item['ShippingDiscountTax'], `${at}.ShippingDiscountTax`);
    discountMinor += lineDiscount;
    const attributes: Record<string, string> = {};
    for (const key of ['ConditionId', 'ConditionSubtypeId', 'IsGift', 'IsTransparency', 'SerialNumberRequired']) {
      const v = item[key];
      if (typeof v === 'string' || typeof v === 'boolean') attributes[key] = String(v);
    }
    const promotions = optionalArray(item['PromotionIds'], `${at}.PromotionIds`).filter((p): p is string => typeof p === 'string');
    if (promotions.length > 0) attributes['PromotionIds'] = promotions.join(',');
    if (typeof item['QuantityShipped'] === 'number') attributes['QuantityShipped'] = String(item['QuantityShipped']);
    lines.push({
      lineId: requireString(item['OrderItemId'], `${at}.OrderItemId`),
      channelSku: requireString(item['SellerSKU'], `${at}.SellerSKU`),
      channelProductId: requireString(item['ASIN'], `${at}.ASIN`),
      gtin: null,
      description: optionalString(item['Title'], `${at}.Title`),
      quantity,
      unitOfMeasure: null,
      unitPriceMinor: divideRounded(lineSubtotalMinor, quantity),
      lineSubtotalMinor,
      discountMinor: lineDiscount,
      taxMinor: lineTax,
      attributes,
    });
  });
  if (eventType === 'CREATED' && lines.length === 0) reject(AdapterRejectionCode.NoLines, 'OrderItems', 'order has no items');

  const subtotalMinor = lines.reduce((sum, l) => sum + l.lineSubtotalMinor, 0);
  const totalMinor = orderTotal ? money(orderTotal, 'OrderTotal') : subtotalMinor - discountMinor + shippingMinor + taxMinor;
  const fulfilledByChannel = optionalString(order['FulfillmentChannel'], 'FulfillmentChannel') === 'AFN';
  const address = optionalRecord(order['ShippingAddress'], 'ShippingAddress');
  if (address === null) reject(AdapterRejectionCode.FieldMissing, 'ShippingAddress', 'order has no shipping address (restricted data token missing?)');
  const shipTo = mapAddress(address);
  const buyer = optionalRecord(order['BuyerInfo'], 'BuyerInfo');
  const shipServiceLevel = optionalString(order['ShipServiceLevel'], 'ShipServiceLevel');
  const category = optionalString(order['ShipmentServiceLevelCategory'], 'ShipmentServiceLevelCategory');
  const paymentMethod = optionalString(order['PaymentMethod'], 'PaymentMethod');
  const placedAt = requireTimestamp(order['PurchaseDate'], 'PurchaseDate');
  const lastUpdate = requireTimestamp(order['LastUpdateDate'], 'LastUpdateDate');
  const orderId = canonicalOrderId('AMAZON', mapping.channelAccountId, amazonOrderId);

  const attributes: Record<string, string> = { OrderStatus: status };
  for (const key of ['FulfillmentChannel', 'SalesChannel', 'MarketplaceId', 'OrderType', 'SellerOrderId', 'ShipmentServiceLevelCategory']) {
    const v = order[key];
    if (typeof v === 'string' && v !== '') attributes[key] = v;
  }
  for (const key of ['IsBusinessOrder', 'IsPrime', 'IsPremiumOrder', 'IsReplacementOrder', 'IsISPU', 'IsGlobalExpressEnabled']) {
    const v = optionalBoolean(order[key], key);
    if (v !== null) attributes[key] = String(v);
  }

  const event: ChannelOrder = {
    eventId: orderEventId(orderId, eventType),
    eventType,
    orderId,
    channel: 'AMAZON',
    channelAccountId: mapping.channelAccountId,
    channelOrderId: amazonOrderId,
    channelOrderNumber: null,
    purchaseOrderNumber: buyer ? optionalString(buyer['PurchaseOrderNumber'], 'BuyerInfo.PurchaseOrderNumber') : null,
    isTest: false,
    fulfilledByChannel,
    customer: {
      channelCustomerId: null,
      email: buyer ? optionalString(buyer['BuyerEmail'], 'BuyerInfo.BuyerEmail') : null,
      fullName: buyer ? optionalString(buyer['BuyerName'], 'BuyerInfo.BuyerName') : null,
      companyName: shipTo.company,
      phone: shipTo.phone,
      b2bAccountRef: null,
      taxExemptionCertificateId: null,
    },
    billTo: null,
    shipTo,
    currency,
    pricesIncludeTax: mapping.pricesIncludeTax,
    lines,
    totals: { subtotalMinor, discountMinor, shippingMinor, taxMinor, totalMinor },
    payment: {
      status: meaning.payment,
      method: paymentMethodFor(mapping, paymentMethod, 'MARKETPLACE'),
      gateway: 'amazon',
      transactionRef: null,
      paymentTerms: null,
      amountMinor: meaning.payment === 'VOIDED' ? 0 : totalMinor,
    },
    shipping: {
      channelMethodCode: shipServiceLevel ?? category ?? reject(AdapterRejectionCode.FieldMissing, 'ShipServiceLevel', 'order has no ship service level'),
      serviceLevel: serviceLevelFor(mapping, category, shipServiceLevel),
      requestedCarrierCode: null,
      thirdPartyBillingAccount: null,
      shipBy: optionalTimestamp(order['LatestShipDate'], 'LatestShipDate'),
      deliverBy: optionalTimestamp(order['LatestDeliveryDate'], 'LatestDeliveryDate'),
      instructions: null,
    },
    cancellation:
      eventType === 'CANCELLED'
        ? { reasonCode: buyerCancelReason === null ? 'Canceled' : 'BuyerCanceled', reason: buyerCancelReason || null, lines: [] }
        : null,
    notes: null,
    attributes,
    placedAt,
    occurredAt: lastUpdate,
    sourceDeliveryId: null,
    rawSource: context.rawSource ?? null,
  };
  return { kind: 'ORDER', order: event };
}

function firstCurrency(items: readonly Json[]): string | null {
  for (const item of items) {
    const price = item['ItemPrice'];
    if (isRecord(price) && typeof price['CurrencyCode'] === 'string') return price['CurrencyCode'];
  }
  return null;
}

function mapAddress(address: Json): PostalAddress {
  const at = 'ShippingAddress';
  const countryCode = requireCountryCode(address['CountryCode'], `${at}.CountryCode`);
  return {
    name: optionalString(address['Name'], `${at}.Name`),
    company: optionalString(address['CompanyName'], `${at}.CompanyName`),
    lines: ['AddressLine1', 'AddressLine2', 'AddressLine3'].map((k) => optionalString(address[k], `${at}.${k}`)).filter((l): l is string => l !== null),
    city: optionalString(address['City'], `${at}.City`),
    region: regionCode(countryCode, optionalString(address['StateOrRegion'], `${at}.StateOrRegion`)),
    postalCode: optionalString(address['PostalCode'], `${at}.PostalCode`),
    countryCode,
    phone: optionalString(address['Phone'], `${at}.Phone`),
    locationCode: null,
  };
}
