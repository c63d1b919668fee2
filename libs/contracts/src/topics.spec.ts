import * as avro from 'avsc';
import { AllTopics, DeadLetterTopics, Topics, type ChannelOrder, type DeadLetter, type InventoryPosition, type TopicValue } from './index';

const day = 86_400_000;

describe('topic registry', () => {
  it('has unique names following crossdock.<domain>.<event>.v<major>', () => {
    const names = AllTopics.map((topic) => topic.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^crossdock\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/);
  });

  it('keeps the catalog key on each definition', () => {
    for (const [key, topic] of Object.entries(Topics)) expect(topic.key).toBe(key);
  });

  it('makes inventory positions and channel availability compacted tables', () => {
    for (const topic of [Topics.erpInventoryPositions, Topics.wmsInventoryPositions, Topics.itemMaster, Topics.channelAvailability]) {
      expect(topic.cleanupPolicy).toBe('compact');
      expect(topic.configs).toMatchObject({ 'cleanup.policy': 'compact', 'retention.ms': '-1', 'min.cleanable.dirty.ratio': '0.1' });
    }
    expect(Topics.channelOrders.configs).toEqual({ 'cleanup.policy': 'delete', 'retention.ms': String(30 * day) });
  });

  it('gives every consuming service its own dead-letter topic', () => {
    const consumers = new Set(AllTopics.flatMap((topic) => topic.consumers));
    for (const consumer of consumers) {
      const deadLetters = AllTopics.filter((topic) => topic.owner === consumer && topic.name.startsWith('crossdock.dlq.'));
      expect(deadLetters.map((topic) => topic.name)).toEqual([`crossdock.dlq.${consumer}.v1`]);
    }
    expect(DeadLetterTopics['order-ingest']).toBe(Topics.orderIngestDeadLetters);
  });

  it('parses every value schema with avsc, even though definitions are frozen', () => {
    for (const topic of AllTopics) {
      expect(Object.isFrozen(topic.valueSchema)).toBe(true);
      expect(avro.Type.forSchema(topic.valueSchema as avro.Schema).name).toBe(topic.valueRecord);
    }
  });
});

/** The generated types describe what avsc really encodes and decodes. */
describe('generated types round-trip through avsc', () => {
  function roundTrip<T>(topic: { readonly valueSchema: object; readonly __value?: T }, value: T): T {
    const type = avro.Type.forSchema(topic.valueSchema as avro.Schema, { omitRecordMethods: true });
    return type.fromBuffer(type.toBuffer(value)) as T;
  }

  it('ChannelOrder', () => {
    const address = {
      name: 'Ada Buyer',
      company: null,
      lines: ['1 Dock Rd'],
      city: 'Leeds',
      region: 'GB-LDS',
      postalCode: 'LS1 1AA',
      countryCode: 'GB',
      phone: null,
      locationCode: null,
    };
    const order: TopicValue<typeof Topics.channelOrders> = {
      eventId: 'a6a0c1e2-0000-4000-8000-000000000001',
      eventType: 'CREATED',
      orderId: 'shopify-eu:1042',
      channel: 'SHOPIFY',
      channelAccountId: 'shopify-eu',
      channelOrderId: '5550001042',
      channelOrderNumber: '#1042',
      purchaseOrderNumber: null,
      isTest: false,
      fulfilledByChannel: false,
      customer: {
        channelCustomerId: 'c-1',
        email: 'ada@example.com',
        fullName: 'Ada Buyer',
        companyName: null,
        phone: null,
        b2bAccountRef: null,
        taxExemptionCertificateId: null,
      },
      billTo: address,
      shipTo: address,
      currency: 'GBP',
      pricesIncludeTax: true,
      lines: [
        {
          lineId: '1',
          channelSku: 'WID-9',
          channelProductId: null,
          gtin: '05012345678900',
          description: 'Widget',
          quantity: 2,
          unitOfMeasure: null,
          unitPriceMinor: 1250,
          lineSubtotalMinor: 2500,
          discountMinor: 0,
          taxMinor: 417,
          attributes: {},
        },
      ],
      totals: { subtotalMinor: 2500, discountMinor: 0, shippingMinor: 499, taxMinor: 500, totalMinor: 2999 },
      payment: { status: 'CAPTURED', method: 'CARD', gateway: 'shopify_payments', transactionRef: 'tx-1', paymentTerms: null, amountMinor: 2999 },
      shipping: {
        channelMethodCode: 'standard',
        serviceLevel: 'STANDARD',
        requestedCarrierCode: null,
        thirdPartyBillingAccount: null,
        shipBy: null,
        deliverBy: null,
        instructions: null,
      },
      cancellation: null,
      notes: null,
      attributes: { tags: 'vip' },
      placedAt: Date.UTC(2026, 4, 13, 9, 30),
      occurredAt: Date.UTC(2026, 4, 13, 9, 30, 5),
      sourceDeliveryId: 'webhook-1',
      rawSource: { uri: 's3://crossdock-raw/shopify-eu/1042.json', contentType: 'application/json', sha256: null, receivedAt: Date.UTC(2026, 4, 13, 9, 30, 6) },
    } satisfies ChannelOrder;
    expect(roundTrip(Topics.channelOrders, order)).toEqual(order);
  });

  it('InventoryPosition and DeadLetter (bytes as Buffer, headers as a string map)', () => {
    const position: InventoryPosition = {
      sku: 'WID-9',
      locationId: 'DC-EAST',
      locationType: 'WAREHOUSE',
      unitOfMeasure: 'EA',
      onHand: 40,
      allocated: 5,
      qualityHold: 1,
      inbound: [{ quantity: 100, expectedAt: Date.UTC(2026, 4, 20), sourceType: 'PURCHASE_ORDER', reference: 'PO-77' }],
      sourceSystem: 'manhattan-dc1',
      asOf: Date.UTC(2026, 4, 13),
      version: 17,
    };
    expect(roundTrip(Topics.wmsInventoryPositions, position)).toEqual(position);
    const deadLetter: DeadLetter = {
      sourceTopic: 'crossdock.orders.channel-order.v1',
      partition: 3,
      offset: 42,
      sourceTimestamp: null,
      key: Buffer.from('k'),
      value: Buffer.from([0, 0, 0, 0, 1]),
      headers: { traceparent: '00-abc-def-01' },
      valueSchemaId: 1,
      errorCode: 'MALFORMED_PAYLOAD',
      errorMessage: 'bad',
      errorDetail: null,
      consumerGroup: 'order-ingest',
      attempts: 1,
      firstFailedAt: null,
      failedAt: Date.UTC(2026, 4, 13),
      traceId: null,
    };
    expect(roundTrip(Topics.orderIngestDeadLetters, deadLetter)).toEqual(deadLetter);
  });
});
