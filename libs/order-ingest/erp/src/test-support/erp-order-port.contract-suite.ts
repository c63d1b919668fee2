import { type ErpOrderPayload, ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import { failureOf, type SimulatedErp, type SimulatorBehaviour } from '@crossdock/erp/simulator';
import type { ErpOrderPort } from '@crossdock/order-ingest/domain';

/** An adapter wired to a fresh simulated ERP (real HTTP on 127.0.0.1 / a real temp folder). */
export interface ErpContractHarness {
  readonly port: ErpOrderPort;
  readonly erp: SimulatedErp;
  stop(): Promise<void>;
}

export type StartHarness = (behaviour?: Partial<SimulatorBehaviour>) => Promise<ErpContractHarness>;

/**
 * What every ErpOrderPort adapter must do, run unchanged against each of them: this is what lets the
 * ERP be swapped by configuration. Anything adapter-specific belongs in the adapter's own spec.
 */
export function describeErpOrderPortContract(adapterName: string, start: StartHarness): void {
  describe(`ErpOrderPort contract: ${adapterName}`, () => {
    let harness: ErpContractHarness | null = null;
    const open = async (behaviour?: Partial<SimulatorBehaviour>) => {
      harness = await start(behaviour);
      return harness;
    };
    afterEach(async () => {
      await harness?.stop();
      harness = null;
    });

    it('submit creates exactly one ERP order carrying the external id', async () => {
      const { port, erp } = await open();
      const result = await port.submit(contractPayload('SHOPIFY:acme-outdoor:1001'));
      expect(result.created).toBe(true);
      expect(result.erpOrderNumber).toMatch(/^SO-\d+$/);
      expect(erp.orders()).toEqual([
        expect.objectContaining({
          externalId: 'SHOPIFY:acme-outdoor:1001',
          erpOrderNumber: result.erpOrderNumber,
          erpCustomerNumber: 'C-WEB-SHOPIFY',
          status: 'OPEN',
        }),
      ]);
      expect(erp.orders()[0]?.lines).toEqual([
        { sku: 'TEE-BLK-M', quantity: 2, unitOfMeasure: 'EA', extendedAmountMinor: 4_998, taxMinor: 0, locationId: 'DC-RENO' },
        { sku: 'CAP-NVY-OS', quantity: 3, unitOfMeasure: 'EA', extendedAmountMinor: 4_497, taxMinor: 0, locationId: 'DC-RENO' },
      ]);
    });

    it('resubmitting the same external id returns the same ERP order and books nothing new', async () => {
      const { port, erp } = await open();
      const first = await port.submit(contractPayload('SHOPIFY:acme-outdoor:1002'));
      const again = await port.submit(contractPayload('SHOPIFY:acme-outdoor:1002'));
      const third = await port.submit(contractPayload('SHOPIFY:acme-outdoor:1002'));
      // The same order, line numbers included when the ERP gives them; only `created` differs.
      expect(again).toEqual({ ...first, created: false });
      expect(third).toEqual({ ...first, created: false });
      expect(erp.orders()).toHaveLength(1);
      expect(erp.stats()).toMatchObject({ created: 1, duplicateSubmissions: 2 });
    });

    it('different external ids are different orders', async () => {
      const { port, erp } = await open();
      const a = await port.submit(contractPayload('EDI:edi-summit-outfitters:PO-1'));
      const b = await port.submit(contractPayload('EDI:edi-summit-outfitters:PO-2'));
      expect(a.erpOrderNumber).not.toBe(b.erpOrderNumber);
      expect(erp.orders()).toHaveLength(2);
    });

    it('cancel cancels an open order once; repeating it is harmless', async () => {
      const { port, erp } = await open();
      const { erpOrderNumber } = await port.submit(contractPayload('SHOPIFY:acme-outdoor:1003'));
      expect(await port.cancel('SHOPIFY:acme-outdoor:1003', 'CUSTOMER_REQUEST')).toMatchObject({
        erpOrderNumber,
        outcome: 'CANCELLED',
      });
      expect(await port.cancel('SHOPIFY:acme-outdoor:1003', 'CUSTOMER_REQUEST')).toMatchObject({
        erpOrderNumber,
        outcome: 'ALREADY_CANCELLED',
      });
      expect(erp.order('SHOPIFY:acme-outdoor:1003')?.status).toBe('CANCELLED');
      expect(erp.stats().cancellations).toBe(1);
    });

    it('cancel of a shipped order is NOT_CANCELLABLE and leaves it shipped', async () => {
      const { port, erp } = await open();
      await port.submit(contractPayload('SHOPIFY:acme-outdoor:1004'));
      erp.markShipped('SHOPIFY:acme-outdoor:1004');
      expect(await port.cancel('SHOPIFY:acme-outdoor:1004', 'CUSTOMER_REQUEST')).toMatchObject({
        outcome: 'NOT_CANCELLABLE',
      });
      expect(erp.order('SHOPIFY:acme-outdoor:1004')?.status).toBe('SHIPPED');
    });

    it('cancel of an order the ERP never received is a permanent NOT_FOUND', async () => {
      const { port } = await open();
      const error = await failureOf(port.cancel('SHOPIFY:acme-outdoor:nope', 'CUSTOMER_REQUEST'));
      expect(error).toBeInstanceOf(ErpPermanentError);
      expect((error as ErpPermanentError).code).toBe('NOT_FOUND');
    });

    it('an outage is a transient error with a retry-after, and the retry after it books exactly once', async () => {
      const { port, erp } = await open();
      erp.startOutage(60_000);
      const error = await failureOf(port.submit(contractPayload('SHOPIFY:acme-outdoor:1005')));
      expect(error).toBeInstanceOf(ErpTransientError);
      const transient = error as ErpTransientError;
      expect(['OUTAGE', 'TIMEOUT']).toContain(transient.kind);
      expect(transient.retryAfterMs).toBeGreaterThan(0);
      expect(erp.orders()).toHaveLength(0);

      erp.endOutages();
      const retried = await port.submit(contractPayload('SHOPIFY:acme-outdoor:1005'));
      expect(retried.erpOrderNumber).toMatch(/^SO-/);
      expect(erp.orders()).toHaveLength(1);
      expect(erp.stats().duplicateSubmissions).toBe(0);
    });

    it('throttling is a transient THROTTLED error with a retry-after, booking nothing', async () => {
      const { port, erp } = await open({ rateLimit: { capacity: 1, refillPerSecond: 0.01 } });
      await port.submit(contractPayload('SHOPIFY:acme-outdoor:1006'));
      const error = await failureOf(port.submit(contractPayload('SHOPIFY:acme-outdoor:1007')));
      expect(error).toBeInstanceOf(ErpTransientError);
      expect(error).toMatchObject({ kind: 'THROTTLED' });
      expect((error as ErpTransientError).retryAfterMs).toBeGreaterThanOrEqual(1_000);
      expect(erp.orders().map((o) => o.externalId)).toEqual(['SHOPIFY:acme-outdoor:1006']);
    });

    it('an ERP server error is transient', async () => {
      const { port, erp } = await open({ errorRate: 1 });
      const error = await failureOf(port.submit(contractPayload('SHOPIFY:acme-outdoor:1008')));
      expect(error).toBeInstanceOf(ErpTransientError);
      expect(erp.orders()).toHaveLength(0);
    });

    it('an ERP validation refusal is permanent and carries the ERP reasons', async () => {
      const { port, erp } = await open();
      const refused = contractPayload('SHOPIFY:acme-outdoor:1009', 'C-INACTIVE-0001');
      const error = await failureOf(port.submit(refused));
      expect(error).toBeInstanceOf(ErpPermanentError);
      const permanent = error as ErpPermanentError;
      expect(permanent.code).toBe('VALIDATION');
      expect(permanent.details.join(' ')).toContain('C-INACTIVE-0001 is inactive');
      expect(erp.orders()).toHaveLength(0);
    });
  });
}

export function contractPayload(externalId: string, erpCustomerNumber = 'C-WEB-SHOPIFY'): ErpOrderPayload {
  return {
    externalId,
    channel: 'SHOPIFY',
    channelAccountId: 'acme-outdoor',
    channelOrderId: externalId.split(':').at(-1) ?? externalId,
    channelOrderNumber: '#1042',
    purchaseOrderNumber: null,
    customer: { erpCustomerNumber, erpBillToId: null, erpShipToId: null, paymentTerms: null },
    shipTo: {
      name: 'Avery Quinn',
      company: null,
      lines: ['1200 Harbor Blvd', 'Suite 400'],
      city: 'Portland',
      region: 'OR',
      postalCode: '97209',
      countryCode: 'US',
      phone: '+1 503 555 0144',
    },
    currency: 'USD',
    pricesIncludeTax: false,
    tax: { jurisdictionCode: 'US-OR', taxExempt: false, marketplaceFacilitator: false },
    carrier: { carrierCode: 'UPSN', serviceCode: 'UPS_GROUND', billingAccount: null, shipBy: null },
    lines: [
      {
        lineNumber: 1,
        channelLineId: '1',
        sku: 'TEE-BLK-M',
        quantity: 2,
        unitOfMeasure: 'EA',
        extendedAmountMinor: 4_998,
        discountMinor: 0,
        taxMinor: 0,
        locationId: 'DC-RENO',
        substitutedForSku: null,
        description: 'Tee | black, M',
      },
      {
        lineNumber: 2,
        channelLineId: '3',
        sku: 'CAP-NVY-OS',
        quantity: 3,
        unitOfMeasure: 'EA',
        extendedAmountMinor: 4_497,
        discountMinor: 0,
        taxMinor: 0,
        locationId: 'DC-RENO',
        substitutedForSku: null,
        description: 'Cap\nnavy',
      },
    ],
    totals: { subtotalMinor: 9_495, discountMinor: 0, shippingMinor: 995, taxMinor: 0, totalMinor: 10_490 },
    paymentReference: 'ch_3NxY',
    placedAt: 1_764_201_600_000,
    notes: 'Leave at front desk',
  };
}
