import type { ChannelOrder } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import { ampleAvailability, availabilityFor, SAMPLE_NOW, sampleCatalog, sampleItems } from '../testing/sample-data.fixture';
import { evaluateChannelOrder, type OrderValidationInput } from './order-validation.pipeline';
import { toOrderAccepted, toOrderRejected } from './order-outcome.mapper';
import { availabilitySnapshotFrom } from './validation-context';

const reference = sampleCatalog();
const evaluate = (order: ChannelOrder, overrides: Partial<OrderValidationInput> = {}) =>
  evaluateChannelOrder({
    order,
    reference,
    items: sampleItems(),
    availability: ampleAvailability(),
    now: SAMPLE_NOW,
    ...overrides,
  });
const codes = (order: ChannelOrder, overrides: Partial<OrderValidationInput> = {}) =>
  evaluate(order, overrides)
    .issues.map((i) => i.reasonCode)
    .sort();

describe('evaluateChannelOrder', () => {
  it('accepts the sample Shopify order with everything the ERP and OrderAccepted need', () => {
    const evaluation = evaluate(sampleChannelOrder());
    expect(evaluation.issues).toEqual([]);
    expect(evaluation.disposition).toBe('ACCEPTED');
    const draft = evaluation.draft;
    expect(draft).toMatchObject({
      orderId: 'SHOPIFY:acme-outdoor:5533284548710',
      causationId: 'evt-5533284548710-created',
      account: { erpCustomerNumber: 'C-WEB-SHOPIFY' },
      tax: { jurisdictionCode: 'US-OR' },
      carrierService: { carrierCode: 'UPSN', serviceCode: 'UPS_GROUND' },
      referenceRevisions: { items: '2026-11-20.2' },
    });
    expect(draft?.lines.map((l) => [l.lineId, l.sku, l.quantity, l.unitOfMeasure, l.locationId])).toEqual([
      ['1', 'TEE-BLK-M', 2, 'EA', 'DC-RENO'],
      ['2', 'HOODIE-GRY-L', 1, 'EA', 'DC-RENO'],
      ['3', 'CAP-NVY-OS', 3, 'EA', 'DC-RENO'],
    ]);
  });

  it('collects every issue of every rule, not just the first', () => {
    const order = sampleChannelOrder();
    const broken: ChannelOrder = {
      ...order,
      customer: { ...order.customer, b2bAccountRef: 'WHOLESALE-0000' }, // MIXED account: trade ref without mapping
      shipping: { ...order.shipping, channelMethodCode: 'Pigeon' },
      shipTo: { ...order.shipTo, region: 'MT', postalCode: '59601' },
      lines: order.lines.map((l, i) => (i === 1 ? { ...l, channelSku: 'SHOP-UNKNOWN' } : i === 2 ? { ...l, unitOfMeasure: 'PL' } : l)),
    };
    const evaluation = evaluate(broken);
    expect(evaluation.disposition).toBe('HELD');
    expect(evaluation.issues.map((i) => [i.reasonCode, i.field])).toEqual(
      expect.arrayContaining([
        ['CUSTOMER_UNMAPPED', 'customer.b2bAccountRef'],
        ['SHIPPING_METHOD_UNMAPPED', 'shipping.channelMethodCode'],
        ['TAX_JURISDICTION_UNRESOLVED', 'shipTo.postalCode'],
        ['ITEM_UNMAPPED', 'lines[1].channelSku'],
        ['UNIT_OF_MEASURE_UNMAPPED', 'lines[2].unitOfMeasure'],
      ]),
    );
    expect(evaluation.issues).toHaveLength(5);
  });

  it('REJECTED wins over HELD, and the HELD issues are still reported', () => {
    const order = sampleChannelOrder();
    const evaluation = evaluate({
      ...order,
      payment: { ...order.payment, status: 'FAILED' },
      shipping: { ...order.shipping, channelMethodCode: 'Pigeon' },
    });
    expect(evaluation.disposition).toBe('REJECTED');
    expect(evaluation.issues.map((i) => [i.reasonCode, i.disposition])).toEqual([
      ['PAYMENT_NOT_AUTHORIZED', 'REJECTED'],
      ['SHIPPING_METHOD_UNMAPPED', 'HELD'],
    ]);
  });

  it('does not add a tax issue when a bare location code is unmapped (one issue per cause)', () => {
    const order = ediOrder('0614141000005');
    expect(codes({ ...order, shipTo: { ...order.shipTo, locationCode: '0999' } }, { availability: ediStock() })).toEqual(['SHIP_TO_LOCATION_UNMAPPED']);
  });

  it('stops at an unconfigured channel account with a single issue', () => {
    expect(codes(sampleChannelOrder({ channelAccountId: 'walmart-us', channel: 'WALMART' }))).toEqual(['CHANNEL_ACCOUNT_UNCONFIGURED']);
  });

  it('holds a B2B order of an account on credit hold, and accepts it on terms once released', () => {
    // Trailhead has no ship-to sites on file, so it sends a street address.
    const denver = { ...sampleChannelOrder().shipTo, city: 'Denver', region: 'CO', postalCode: '80216' };
    const order = { ...ediOrder('0614141000012'), shipTo: denver };
    expect(evaluate(order, { availability: ediStock() }).issues.map((i) => [i.reasonCode, i.disposition])).toEqual([['CREDIT_HOLD', 'HELD']]);
    const released = sampleCatalog((d) => ({ ...d, creditHolds: [] }));
    expect(evaluate(order, { reference: released, availability: ediStock() }).disposition).toBe('ACCEPTED');
  });

  it('books an EDI order in cases against the store ship-to site with its customer-agreed substitution', () => {
    const evaluation = evaluate(ediOrder('0614141000005'), { availability: ediStock() });
    expect(evaluation.issues).toEqual([]);
    const draft = evaluation.draft;
    expect(draft?.account).toMatchObject({
      erpCustomerNumber: 'C20417',
      erpShipToId: 'C20417-ST0457',
      paymentTerms: 'NET30',
    });
    expect(draft?.tax.jurisdictionCode).toBe('US-CO-DENVER');
    expect(draft?.shipTo).toMatchObject({ city: 'Denver', postalCode: '80216', locationCode: '0457' });
    expect(draft?.lines.map((l) => [l.sku, l.quantity, l.channelQuantity, l.channelUnitOfMeasure, l.substitution?.ruleId ?? null, l.locationId])).toEqual([
      ['TEE-BLK-M', 24, 2, 'CS', null, 'DC-ATLANTA'],
      ['BOTTLE-1L-INS', 6, 6, 'EA', 'SUB-2026-011', 'DC-ATLANTA'],
    ]);
  });

  it('books an Amazon order: marketplace-facilitator tax, regional routing, and FBA orders at the marketplace location', () => {
    const base = sampleChannelOrder({
      channel: 'AMAZON',
      channelAccountId: 'amazon-us',
      channelOrderId: '112-4471902-5533284',
    });
    const amazon: ChannelOrder = {
      ...base,
      customer: { ...base.customer, channelCustomerId: null, email: 'x7k2@marketplace.amazon.com' },
      billTo: null,
      shipTo: { ...base.shipTo, city: 'Atlanta', region: 'GA', postalCode: '30303' },
      lines: base.lines.slice(0, 2).map((l) => ({ ...l, channelSku: l.channelSku.replace('SHOP-', 'AMZ-') })),
      totals: { ...base.totals, subtotalMinor: 10_997, totalMinor: 10_997 + 995 + 1_312 },
      payment: { ...base.payment, method: 'MARKETPLACE', gateway: 'amazon' },
      shipping: { ...base.shipping, channelMethodCode: 'Std US D2D Dom' },
    };
    const stock = availabilitySnapshotFrom(
      availabilityFor('amazon-us', {
        'TEE-BLK-M': { 'DC-RENO': 9, 'DC-ATLANTA': 9 },
        'HOODIE-GRY-L': { 'DC-RENO': 9, 'DC-ATLANTA': 9 },
      }),
    );
    const evaluation = evaluate(amazon, { availability: stock });
    expect(evaluation.issues).toEqual([]);
    expect(evaluation.draft?.account.erpCustomerNumber).toBe('C-MKT-AMAZON-US');
    expect(evaluation.draft?.tax).toMatchObject({ jurisdictionCode: 'US-GA-FULTON', marketplaceFacilitator: true });
    expect(evaluation.draft?.lines.map((l) => l.locationId)).toEqual(['DC-ATLANTA', 'DC-ATLANTA']);

    const fba = evaluate({ ...amazon, fulfilledByChannel: true }, { availability: availabilitySnapshotFrom([]) });
    expect(fba.draft?.lines.map((l) => [l.locationId, l.locationType])).toEqual([
      ['AMAZON-FBA-US', 'THIRD_PARTY_LOGISTICS'],
      ['AMAZON-FBA-US', 'THIRD_PARTY_LOGISTICS'],
    ]);
  });

  it('holds a line the availability snapshot cannot fill (backorder)', () => {
    const availability = availabilitySnapshotFrom(
      availabilityFor('acme-outdoor', {
        'TEE-BLK-M': { 'DC-RENO': 10 },
        'HOODIE-GRY-L': { 'DC-RENO': 10 },
        'CAP-NVY-OS': { 'DC-RENO': 1 },
      }),
    );
    const evaluation = evaluate(sampleChannelOrder(), { availability });
    expect(evaluation.disposition).toBe('HELD');
    expect(evaluation.issues.map((i) => [i.reasonCode, i.lineId])).toEqual([['NO_FULFILMENT_LOCATION', '3']]);
  });

  it('maps outcomes onto the OrderAccepted and OrderRejected contracts', () => {
    const accepted = evaluate(sampleChannelOrder());
    if (!accepted.draft) throw new Error('expected a draft');
    const event = toOrderAccepted(accepted.draft, {
      eventId: 'e-1',
      outcomeSequence: 2,
      erpSystem: 'erp-sim',
      erpOrderNumber: 'SO-100001',
      erpLineNumbers: { '1': '10' },
      submittedAt: 1,
      occurredAt: 2,
    });
    expect(event).toMatchObject({
      erpOrderNumber: 'SO-100001',
      outcomeSequence: 2,
      causationId: 'evt-5533284548710-created',
    });
    expect(event.lines.map((l) => l.erpLineNumber)).toEqual(['10', null, null]);

    const order = sampleChannelOrder({ isTest: true });
    const rejected = evaluate(order);
    const rejection = toOrderRejected(order, 'REJECTED', rejected.issues, {
      eventId: 'e-2',
      outcomeSequence: 1,
      occurredAt: 3,
    });
    expect(rejection.issues).toEqual([{ reasonCode: 'TEST_ORDER', field: 'isTest', lineId: null, message: expect.any(String), retryable: false }]);
    expect(() => toOrderRejected(order, 'HELD', [], { eventId: 'e', outcomeSequence: 1, occurredAt: 1 })).toThrow();
  });
});

function ediOrder(b2bAccountRef: string): ChannelOrder {
  const base = sampleChannelOrder({
    channel: 'EDI',
    channelAccountId: 'edi-summit-outfitters',
    purchaseOrderNumber: 'PO-4471902',
  });
  const tee = {
    ...(base.lines[0] as ChannelOrder['lines'][number]),
    channelSku: '100234567',
    quantity: 2,
    unitOfMeasure: 'CS',
    unitPriceMinor: 14_400,
    lineSubtotalMinor: 28_800,
  };
  const bottle = {
    ...tee,
    lineId: '2',
    channelSku: '100299001',
    quantity: 6,
    unitOfMeasure: 'EA',
    unitPriceMinor: 1_250,
    lineSubtotalMinor: 7_500,
  };
  const subtotal = tee.lineSubtotalMinor + bottle.lineSubtotalMinor;
  return {
    ...base,
    customer: {
      ...base.customer,
      channelCustomerId: null,
      b2bAccountRef,
      companyName: 'Summit Outfitters',
      email: null,
    },
    shipTo: { ...base.shipTo, lines: [], city: null, region: null, postalCode: null, locationCode: '0457' },
    lines: [tee, bottle],
    totals: { subtotalMinor: subtotal, discountMinor: 0, shippingMinor: 0, taxMinor: 0, totalMinor: subtotal },
    payment: { ...base.payment, status: 'ON_TERMS', method: 'INVOICE', paymentTerms: 'NET30', amountMinor: 0 },
    shipping: { ...base.shipping, channelMethodCode: 'UPSN-GROUND' },
  };
}

function ediStock() {
  return availabilitySnapshotFrom(
    availabilityFor('edi-summit-outfitters', {
      'TEE-BLK-M': { 'DC-ATLANTA': 100 },
      'BOTTLE-1L-INS': { 'DC-ATLANTA': 40 },
    }),
  );
}
