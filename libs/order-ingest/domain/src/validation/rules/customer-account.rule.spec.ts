import type { ChannelOrder } from '@crossdock/contracts';
import { sampleChannelOrder } from '@crossdock/testing';
import type { ChannelAccountConfig } from '../../reference-data/reference-data.schema';
import { sampleCatalog } from '../../testing/sample-data.fixture';
import { resolveCustomerAccount } from './customer-account.rule';

const reference = sampleCatalog();
const account = (id: string) => reference.channelAccount(id) as ChannelAccountConfig;

function ediOrder(overrides: Partial<ChannelOrder> = {}): ChannelOrder {
  const base = sampleChannelOrder({ channel: 'EDI', channelAccountId: 'edi-summit-outfitters' });
  return {
    ...base,
    customer: {
      ...base.customer,
      channelCustomerId: null,
      b2bAccountRef: '0614141000005',
      companyName: 'Summit Outfitters',
    },
    shipTo: { ...base.shipTo, lines: [], city: null, region: null, postalCode: null, locationCode: '9001' },
    ...overrides,
  };
}

describe('resolveCustomerAccount', () => {
  it('books a guest consumer on the channel default web account', () => {
    const outcome = resolveCustomerAccount(sampleChannelOrder(), account('acme-outdoor'), reference);
    expect(outcome.issues).toEqual([]);
    expect(outcome.value?.account).toMatchObject({
      erpCustomerNumber: 'C-WEB-SHOPIFY',
      mappingRule: 'default:acme-outdoor',
    });
    expect(outcome.value?.isBusinessOrder).toBe(false);
  });

  it('maps an EDI trading partner to its ERP account, terms and ship-to site', () => {
    const outcome = resolveCustomerAccount(ediOrder(), account('edi-summit-outfitters'), reference);
    expect(outcome.issues).toEqual([]);
    expect(outcome.value?.account).toEqual({
      erpCustomerNumber: 'C20417',
      erpBillToId: 'C20417-BT01',
      erpShipToId: 'C20417-ST9001',
      paymentTerms: 'NET30',
      mappingRule: 'CM-EDI-SUMMIT',
    });
    expect(outcome.value?.isBusinessOrder).toBe(true);
  });

  it('holds a trade customer without a mapping (CUSTOMER_UNMAPPED), never falling back to a web account', () => {
    const order = ediOrder();
    const outcome = resolveCustomerAccount(
      { ...order, customer: { ...order.customer, b2bAccountRef: '0614141999999' } },
      account('edi-summit-outfitters'),
      reference,
    );
    expect(outcome.value).toBeNull();
    expect(outcome.issues).toEqual([
      expect.objectContaining({
        reasonCode: 'CUSTOMER_UNMAPPED',
        field: 'customer.b2bAccountRef',
        disposition: 'HELD',
        retryable: true,
      }),
    ]);
  });

  it('holds a consumer order when the channel account has no default web account (CUSTOMER_UNMAPPED)', () => {
    const outcome = resolveCustomerAccount(sampleChannelOrder(), { ...account('acme-outdoor'), defaultErpCustomerNumber: null }, reference);
    expect(outcome.issues[0]).toMatchObject({ reasonCode: 'CUSTOMER_UNMAPPED', field: 'customer.channelCustomerId' });
  });

  it('holds an order shipping to a partner location code that is not a ship-to site (SHIP_TO_LOCATION_UNMAPPED)', () => {
    const order = ediOrder();
    const outcome = resolveCustomerAccount({ ...order, shipTo: { ...order.shipTo, locationCode: '0999' } }, account('edi-summit-outfitters'), reference);
    expect(outcome.issues).toEqual([
      expect.objectContaining({
        reasonCode: 'SHIP_TO_LOCATION_UNMAPPED',
        field: 'shipTo.locationCode',
        disposition: 'HELD',
      }),
    ]);
  });

  it('ships an unknown location code with a full street address as a one-time address', () => {
    const order = ediOrder();
    const outcome = resolveCustomerAccount(
      { ...order, shipTo: { ...sampleChannelOrder().shipTo, locationCode: '0999' } },
      account('edi-summit-outfitters'),
      reference,
    );
    expect(outcome.issues).toEqual([]);
    expect(outcome.value?.account.erpShipToId).toBeNull();
  });
});
