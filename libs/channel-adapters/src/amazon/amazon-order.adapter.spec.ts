import type { ChannelOrder } from '@crossdock/contracts';
import { fixtureJson, sampleMapping } from '../testing/fixtures';
import { AmazonOrderAdapter } from './amazon-order.adapter';
import type { GetOrderItemsResponse, GetOrdersResponse, SpApiOrder, SpApiOrderItem } from './sp-api.types';

const adapter = new AmazonOrderAdapter();
const context = { mapping: sampleMapping('amazon-us'), receivedAt: Date.parse('2026-11-20T16:35:00Z') };
const orders = [
  ...fixtureJson<GetOrdersResponse>('amazon/get-orders.page-1.json').payload!.Orders,
  ...fixtureJson<GetOrdersResponse>('amazon/get-orders.page-2.json').payload!.Orders,
];

function spOrder(id: string): SpApiOrder {
  const found = orders.find((o) => o.AmazonOrderId === id);
  if (!found) throw new Error(id);
  return JSON.parse(JSON.stringify(found)) as SpApiOrder;
}

function items(...files: string[]): SpApiOrderItem[] {
  return files
    .flatMap((f) => fixtureJson<GetOrderItemsResponse>(`amazon/${f}`).payload!.OrderItems)
    .map((i) => JSON.parse(JSON.stringify(i)) as SpApiOrderItem);
}

function adaptOne(order: unknown, orderItems: readonly unknown[]) {
  const result = adapter.adapt({ order, items: orderItems }, context);
  expect(result.outcomes).toHaveLength(1);
  return result.outcomes[0]!;
}

function mapped(order: unknown, orderItems: readonly unknown[]): ChannelOrder {
  const outcome = adaptOne(order, orderItems);
  if (outcome.kind !== 'ORDER') throw new Error(JSON.stringify(outcome));
  return outcome.order;
}

describe('AmazonOrderAdapter', () => {
  it('maps an Unshipped merchant-fulfilled order with items from two pages, exactly', () => {
    const o = mapped(spOrder('113-4829105-7731446'), items('get-order-items.113-4829105-7731446.json', 'get-order-items.113-4829105-7731446.page-2.json'));
    expect(o).toMatchObject({
      eventType: 'CREATED',
      orderId: 'AMAZON:amazon-us:113-4829105-7731446',
      channel: 'AMAZON',
      channelAccountId: 'amazon-us',
      channelOrderId: '113-4829105-7731446',
      channelOrderNumber: null,
      purchaseOrderNumber: null,
      fulfilledByChannel: false,
      currency: 'USD',
      billTo: null,
      placedAt: Date.parse('2026-11-20T14:02:37Z'),
      occurredAt: Date.parse('2026-11-20T14:33:49Z'),
      sourceDeliveryId: null,
      cancellation: null,
    });
    expect(o.customer).toEqual({
      channelCustomerId: null,
      email: '7mkd0s2q1c4ytrw@marketplace.amazon.com',
      fullName: null,
      companyName: null,
      phone: '+1 315-555-0163 ext. 10442',
      b2bAccountRef: null,
      taxExemptionCertificateId: null,
    });
    expect(o.shipTo).toEqual({
      name: 'Marcus Bell',
      company: null,
      lines: ['318 W Fayette St', 'Unit 2'],
      city: 'Syracuse',
      region: 'US-NY',
      postalCode: '13202-1410',
      countryCode: 'US',
      phone: '+1 315-555-0163 ext. 10442',
      locationCode: null,
    });
    expect(o.lines).toEqual([
      {
        lineId: '68824015730194',
        channelSku: 'AMZ-TEE-BLK-M',
        channelProductId: 'B0CX7T2LQM',
        gtin: null,
        description: 'Acme Outdoor Trail Tee, Moisture-Wicking, Black, Medium',
        quantity: 2,
        unitOfMeasure: null,
        unitPriceMinor: 2499,
        lineSubtotalMinor: 4998,
        discountMinor: 200,
        taxMinor: 432,
        attributes: {
          ConditionId: 'New',
          ConditionSubtypeId: 'New',
          IsGift: 'false',
          IsTransparency: 'false',
          SerialNumberRequired: 'false',
          PromotionIds: 'US Core Free Shipping Promotion 1a2b3c,FALL-2OFF',
          QuantityShipped: '0',
        },
      },
      expect.objectContaining({
        lineId: '68824015730206',
        channelSku: 'AMZ-BOTTLE-1L',
        quantity: 1,
        unitPriceMinor: 1699,
        lineSubtotalMinor: 1699,
        discountMinor: 0,
        taxMinor: 153,
      }),
    ]);
    expect(o.totals).toEqual({ subtotalMinor: 6697, discountMinor: 200, shippingMinor: 0, taxMinor: 585, totalMinor: 7082 });
    expect(o.totals.subtotalMinor - o.totals.discountMinor + o.totals.shippingMinor + o.totals.taxMinor).toBe(o.totals.totalMinor);
    expect(o.payment).toEqual({ status: 'AUTHORIZED', method: 'MARKETPLACE', gateway: 'amazon', transactionRef: null, paymentTerms: null, amountMinor: 7082 });
    expect(o.shipping).toEqual({
      channelMethodCode: 'Std US D2D Dom',
      serviceLevel: 'STANDARD',
      requestedCarrierCode: null,
      thirdPartyBillingAccount: null,
      shipBy: Date.parse('2026-11-22T07:59:59Z'),
      deliverBy: Date.parse('2026-11-28T07:59:59Z'),
      instructions: null,
    });
    expect(o.attributes).toMatchObject({ OrderStatus: 'Unshipped', FulfillmentChannel: 'MFN', MarketplaceId: 'ATVPDKIKX0DER', IsPrime: 'false' });
  });

  it('maps an FBA (AFN) order as fulfilled by the channel, shipping discount netted', () => {
    const o = mapped(spOrder('114-3941765-2209841'), items('get-order-items.114-3941765-2209841.json'));
    expect(o).toMatchObject({ fulfilledByChannel: true, payment: { status: 'CAPTURED', amountMinor: 7084 } });
    expect(o.totals).toEqual({ subtotalMinor: 6499, discountMinor: 0, shippingMinor: 0, taxMinor: 585, totalMinor: 7084 });
    expect(o.shipping.serviceLevel).toBe('EXPEDITED');
  });

  it('maps a business order: PO number, company, next-day; unit price from the extended ItemPrice', () => {
    const o = mapped(spOrder('113-5518273-4410968'), items('get-order-items.113-5518273-4410968.json'));
    expect(o).toMatchObject({
      purchaseOrderNumber: 'BRO-PO-88213',
      customer: { fullName: 'Dana Whitfield', companyName: 'Blue Ridge Outfitters LLC' },
      shipping: { channelMethodCode: 'NextDay', serviceLevel: 'NEXT_DAY' },
      attributes: { IsBusinessOrder: 'true' },
    });
    expect(o.lines[0]).toMatchObject({ quantity: 3, unitPriceMinor: 12999, lineSubtotalMinor: 38997 });
  });

  it('rounds a unit price that does not divide evenly but keeps the extended amount exact', () => {
    const order = spOrder('113-5518273-4410968');
    const [item] = items('get-order-items.113-5518273-4410968.json');
    const odd = { ...item!, ItemPrice: { CurrencyCode: 'USD', Amount: '100.00' } };
    const o = mapped({ ...order, OrderTotal: { CurrencyCode: 'USD', Amount: '100.00' } }, [odd]);
    expect(o.lines[0]).toMatchObject({ unitPriceMinor: 3333, lineSubtotalMinor: 10000 });
  });

  it('skips a Pending order without looking at items or address', () => {
    expect(adaptOne(spOrder('112-0093817-5502633'), [])).toEqual({
      kind: 'SKIPPED',
      channelOrderId: '112-0093817-5502633',
      reason: expect.stringMatching(/^Pending: /),
    });
  });

  it('maps Canceled to a CANCELLED event with the buyer reason and a different eventId than creation', () => {
    const o = mapped(spOrder('111-7760243-8830617'), items('get-order-items.111-7760243-8830617.json'));
    expect(o).toMatchObject({
      eventType: 'CANCELLED',
      cancellation: { reasonCode: 'BuyerCanceled', reason: 'Ordered the wrong size', lines: [] },
      lines: [],
      payment: { status: 'VOIDED', amountMinor: 0 },
    });
    const asCreated = mapped({ ...spOrder('111-7760243-8830617'), OrderStatus: 'Unshipped' }, items('get-order-items.113-5518273-4410968.json'));
    expect(asCreated.eventId).not.toBe(o.eventId);
    expect(asCreated.orderId).toBe(o.orderId);
  });

  it('gives later statuses of a created order the same CREATED eventId', () => {
    const unshipped = mapped(spOrder('113-4829105-7731446'), items('get-order-items.113-4829105-7731446.json'));
    const shipped = mapped(
      { ...spOrder('113-4829105-7731446'), OrderStatus: 'Shipped', LastUpdateDate: '2026-11-21T18:00:00Z' },
      items('get-order-items.113-4829105-7731446.json'),
    );
    expect(shipped.eventId).toBe(unshipped.eventId);
    expect(shipped.occurredAt).toBeGreaterThan(unshipped.occurredAt);
  });

  it.each([
    [
      'a comma decimal',
      () => [spOrder('113-4829105-7731446'), items('get-order-items.malformed-price.json')],
      'AMOUNT_INVALID',
      'OrderItems[0].ItemPrice.Amount',
    ],
    [
      'an item in another currency',
      () => [spOrder('113-4829105-7731446'), items('get-order-items.malformed-currency.json')],
      'CURRENCY_INVALID',
      'OrderItems[0].ItemPrice.CurrencyCode',
    ],
    ['no items on an Unshipped order', () => [spOrder('113-4829105-7731446'), []], 'NO_LINES', 'OrderItems'],
    ['an unknown status', () => [{ ...spOrder('113-4829105-7731446'), OrderStatus: 'Lost' }, []], 'FIELD_INVALID', 'OrderStatus'],
    [
      'a missing address (no RDT)',
      () => [{ ...spOrder('113-4829105-7731446'), ShippingAddress: undefined }, items('get-order-items.113-4829105-7731446.json')],
      'FIELD_MISSING',
      'ShippingAddress',
    ],
    [
      'a fractional quantity',
      () => [spOrder('113-4829105-7731446'), [{ ...items('get-order-items.113-4829105-7731446.json')[0]!, QuantityOrdered: 1.5 }]],
      'QUANTITY_INVALID',
      'OrderItems[0].QuantityOrdered',
    ],
    [
      'a missing SellerSKU',
      () => [spOrder('113-4829105-7731446'), [{ ...items('get-order-items.113-4829105-7731446.json')[0]!, SellerSKU: undefined }]],
      'FIELD_MISSING',
      'OrderItems[0].SellerSKU',
    ],
    [
      'a bad PurchaseDate',
      () => [{ ...spOrder('113-4829105-7731446'), PurchaseDate: '2026-02-30T10:00:00Z' }, items('get-order-items.113-4829105-7731446.json')],
      'DATE_INVALID',
      'PurchaseDate',
    ],
  ] as const)('rejects %s', (_name, input, code, field) => {
    const [order, orderItems] = input();
    const outcome = adaptOne(order, orderItems as unknown[]);
    expect(outcome).toEqual({ kind: 'REJECTED', rejection: { code, field, message: expect.any(String), channelOrderId: '113-4829105-7731446' } });
  });

  it('rejects a non-object order without throwing', () => {
    expect(adaptOne('not an order', [])).toMatchObject({ kind: 'REJECTED', rejection: { code: 'FIELD_INVALID', field: 'Order', channelOrderId: null } });
  });
});
