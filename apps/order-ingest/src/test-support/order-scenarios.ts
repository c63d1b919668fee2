import type { ChannelAvailability, ChannelOrder, ChannelOrderLine, ItemMaster } from '@crossdock/contracts';
import { sampleChannelAvailability, sampleChannelOrder, sampleItemMaster } from '@crossdock/testing';

/**
 * The world the order-ingest tests run in: the item master and availability the sample reference
 * data (libs/order-ingest/domain/reference-data) expects, and one channel order per validation
 * reason code that trips exactly that code. `order-scenarios.spec.ts` proves each case against the
 * domain pipeline, so the integration tests fail only when the service does something wrong.
 */
export const SCENARIO_ITEMS: readonly ItemMaster[] = [
  sampleItemMaster({ sku: 'TEE-BLK-M', unitConversions: [{ unitOfMeasure: 'CS', baseQuantity: 12 }], gtins: ['00614141234567'] }),
  sampleItemMaster({ sku: 'HOODIE-GRY-L', unitConversions: [{ unitOfMeasure: 'CS', baseQuantity: 6 }] }),
  sampleItemMaster({ sku: 'CAP-NVY-OS' }),
  sampleItemMaster({ sku: 'TENT-2P-ORG', discontinued: true }),
  sampleItemMaster({ sku: 'TENT-2P-GRN' }),
  sampleItemMaster({ sku: 'BOTTLE-1L-STL', discontinued: true, gtins: ['00614141299001'] }),
  sampleItemMaster({ sku: 'BOTTLE-1L-INS' }),
];

const STOCK = { 'DC-RENO': 500, 'DC-ATLANTA': 500, '3PL-DALLAS': 500 };

/** Plenty of everything, except the discontinued steel bottle at acme-outdoor: sold out, nothing substitutes it there. */
export const SCENARIO_AVAILABILITY: readonly ChannelAvailability[] = ['acme-outdoor', 'edi-summit-outfitters'].flatMap((account) =>
  SCENARIO_ITEMS.filter((item) => !(account === 'acme-outdoor' && item.sku === 'BOTTLE-1L-STL')).map((item) =>
    sampleChannelAvailability(item.sku, account, STOCK),
  ),
);

/** A valid acme-outdoor Shopify order with its own ids (`n` makes order and event ids unique). */
export function acmeOrder(n: string, overrides: Partial<ChannelOrder> = {}): ChannelOrder {
  return sampleChannelOrder({ channelOrderId: n, orderId: `SHOPIFY:acme-outdoor:${n}`, eventId: `evt-${n}-created`, ...overrides });
}

/** Replaces the lines and recomputes the totals, so only the line problem under test shows. */
export function withLines(order: ChannelOrder, lines: readonly ChannelOrderLine[]): ChannelOrder {
  const subtotal = lines.reduce((sum, l) => sum + l.lineSubtotalMinor, 0);
  const { shippingMinor, taxMinor } = order.totals;
  return {
    ...order,
    lines,
    totals: { subtotalMinor: subtotal, discountMinor: 0, shippingMinor, taxMinor, totalMinor: subtotal + shippingMinor + taxMinor },
    payment: { ...order.payment, amountMinor: subtotal + shippingMinor + taxMinor },
  };
}

const mapLine = (order: ChannelOrder, index: number, change: (l: ChannelOrderLine) => ChannelOrderLine): ChannelOrder =>
  withLines(
    order,
    order.lines.map((l, i) => (i === index ? change(l) : l)),
  );

/** An EDI 850 from Summit Outfitters, shipped to store 0457 by location code, in cases, on terms. */
export function ediOrder(n: string, b2bAccountRef = '0614141000005'): ChannelOrder {
  const base = sampleChannelOrder({
    channel: 'EDI',
    channelAccountId: 'edi-summit-outfitters',
    channelOrderId: n,
    orderId: `EDI:edi-summit-outfitters:${n}`,
    eventId: `evt-edi-${n}`,
    purchaseOrderNumber: `PO-${n}`,
  });
  const tee = {
    ...(base.lines[0] as ChannelOrderLine),
    channelSku: '100234567',
    quantity: 2,
    unitOfMeasure: 'CS',
    unitPriceMinor: 14_400,
    lineSubtotalMinor: 28_800,
  };
  const order: ChannelOrder = {
    ...base,
    customer: { ...base.customer, channelCustomerId: null, b2bAccountRef, companyName: 'Summit Outfitters', email: null },
    shipTo: { ...base.shipTo, lines: [], city: null, region: null, postalCode: null, locationCode: '0457' },
    payment: { ...base.payment, status: 'ON_TERMS', method: 'INVOICE', paymentTerms: 'NET30' },
    shipping: { ...base.shipping, channelMethodCode: 'UPSN-GROUND' },
  };
  return withLines({ ...order, totals: { ...order.totals, shippingMinor: 0, taxMinor: 0 } }, [tee]);
}

export interface ReasonCase {
  readonly code: string;
  readonly disposition: 'HELD' | 'REJECTED';
  readonly order: (n: string) => ChannelOrder;
}

/** One order per validation reason code (ERP_REJECTED / ERP_UNAVAILABLE come from the ERP, tested on their own). */
export const REASON_CASES: readonly ReasonCase[] = [
  { code: 'CHANNEL_ACCOUNT_UNCONFIGURED', disposition: 'HELD', order: (n) => acmeOrder(n, { channel: 'WALMART', channelAccountId: 'walmart-us' }) },
  { code: 'TEST_ORDER', disposition: 'REJECTED', order: (n) => acmeOrder(n, { isTest: true }) },
  { code: 'CURRENCY_MISMATCH', disposition: 'REJECTED', order: (n) => acmeOrder(n, { currency: 'EUR' }) },
  { code: 'QUANTITY_INVALID', disposition: 'REJECTED', order: (n) => mapLine(acmeOrder(n), 0, (l) => ({ ...l, quantity: 0, lineSubtotalMinor: 0 })) },
  { code: 'PRICE_INVALID', disposition: 'REJECTED', order: (n) => mapLine(acmeOrder(n), 0, (l) => ({ ...l, unitPriceMinor: -1, lineSubtotalMinor: -2 })) },
  { code: 'ORDER_HAS_NO_LINES', disposition: 'REJECTED', order: (n) => withLines(acmeOrder(n), []) },
  { code: 'AMOUNTS_INCONSISTENT', disposition: 'REJECTED', order: (n) => withTotal(acmeOrder(n), 1) },
  { code: 'PAYMENT_PENDING', disposition: 'HELD', order: (n) => withPayment(acmeOrder(n), 'PENDING') },
  { code: 'PAYMENT_NOT_AUTHORIZED', disposition: 'REJECTED', order: (n) => withPayment(acmeOrder(n), 'FAILED') },
  { code: 'ADDRESS_INVALID', disposition: 'REJECTED', order: (n) => withShipTo(acmeOrder(n), { lines: [], city: null }) },
  { code: 'SHIP_TO_LOCATION_UNMAPPED', disposition: 'HELD', order: (n) => withShipTo(ediOrder(n), { locationCode: '0999' }) },
  { code: 'CUSTOMER_UNMAPPED', disposition: 'HELD', order: (n) => withCustomer(acmeOrder(n), { b2bAccountRef: 'WHOLESALE-0000' }) },
  {
    code: 'CREDIT_HOLD',
    disposition: 'HELD',
    order: (n) =>
      withShipTo(ediOrder(n, '0614141000012'), { lines: ['4400 Brighton Blvd'], city: 'Denver', region: 'CO', postalCode: '80216', locationCode: null }),
  },
  { code: 'TAX_JURISDICTION_UNRESOLVED', disposition: 'HELD', order: (n) => withShipTo(acmeOrder(n), { city: 'Helena', region: 'MT', postalCode: '59601' }) },
  {
    code: 'SHIPPING_METHOD_UNMAPPED',
    disposition: 'HELD',
    order: (n) => {
      const o = acmeOrder(n);
      return { ...o, shipping: { ...o.shipping, channelMethodCode: 'Pigeon' } };
    },
  },
  { code: 'ITEM_UNMAPPED', disposition: 'HELD', order: (n) => mapLine(acmeOrder(n), 1, (l) => ({ ...l, channelSku: 'SHOP-UNKNOWN' })) },
  { code: 'ITEM_DISCONTINUED', disposition: 'HELD', order: (n) => mapLine(acmeOrder(n), 1, (l) => ({ ...l, channelSku: 'SHOP-BOTTLE-1L' })) },
  { code: 'UNIT_OF_MEASURE_UNMAPPED', disposition: 'HELD', order: (n) => mapLine(acmeOrder(n), 2, (l) => ({ ...l, unitOfMeasure: 'PL' })) },
  {
    code: 'NO_FULFILMENT_LOCATION',
    disposition: 'HELD',
    order: (n) => mapLine(acmeOrder(n), 2, (l) => ({ ...l, quantity: 100_000, lineSubtotalMinor: 100_000 * l.unitPriceMinor })),
  },
];

function withTotal(order: ChannelOrder, extra: number): ChannelOrder {
  return { ...order, totals: { ...order.totals, totalMinor: order.totals.totalMinor + extra } };
}

function withPayment(order: ChannelOrder, status: ChannelOrder['payment']['status']): ChannelOrder {
  return { ...order, payment: { ...order.payment, status } };
}

function withShipTo(order: ChannelOrder, change: Partial<ChannelOrder['shipTo']>): ChannelOrder {
  return { ...order, shipTo: { ...order.shipTo, ...change } };
}

function withCustomer(order: ChannelOrder, change: Partial<ChannelOrder['customer']>): ChannelOrder {
  return { ...order, customer: { ...order.customer, ...change } };
}
