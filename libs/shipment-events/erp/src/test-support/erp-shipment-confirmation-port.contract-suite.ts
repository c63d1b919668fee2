import { type ErpShipmentConfirmationRequest, ErpPermanentError, ErpTransientError } from '@crossdock/erp/domain';
import { failureOf, type SimulatedErp, type SimulatorBehaviour } from '@crossdock/erp/simulator';
import type { ErpShipmentConfirmationPort } from '../erp-shipment-confirmation.port';

/** An adapter wired to a fresh simulated ERP (real HTTP on 127.0.0.1 / a real temp folder). */
export interface ShipmentConfirmationHarness {
  readonly port: ErpShipmentConfirmationPort;
  readonly erp: SimulatedErp;
  stop(): Promise<void>;
}

export type StartShipmentConfirmationHarness = (behaviour?: Partial<SimulatorBehaviour>) => Promise<ShipmentConfirmationHarness>;

const ORDER_ID = 'SHOPIFY:acme-outdoor:1001';

/** Books the contract's sales order in the simulated ERP (as order-ingest would have) and returns its number. */
export function bookContractOrder(erp: SimulatedErp, externalId = ORDER_ID): string {
  const result = erp.upsert(
    {
      externalId,
      erpCustomerNumber: 'C-WEB-SHOPIFY',
      currency: 'USD',
      lines: [
        { sku: 'TEE-BLK-M', quantity: 2, unitOfMeasure: 'EA', extendedAmountMinor: 4_998, taxMinor: 400, locationId: 'DC-RENO' },
        { sku: 'CAP-NVY-OS', quantity: 3, unitOfMeasure: 'EA', extendedAmountMinor: 4_497, taxMinor: 0, locationId: 'DC-RENO' },
      ],
      totalMinor: 9_895,
    },
    'REST',
  );
  if (result.kind === 'INVALID') throw new Error(`contract order refused: ${JSON.stringify(result.errors)}`);
  return result.order.erpOrderNumber;
}

export function contractPackage(
  packageReference: string,
  erpOrderNumber: string,
  lines: ErpShipmentConfirmationRequest['lines'] = [{ lineId: '1', erpLineNumber: 1, sku: 'TEE-BLK-M', quantity: 1 }],
): ErpShipmentConfirmationRequest {
  return {
    packageReference,
    orderId: ORDER_ID,
    erpOrderNumber,
    shipDate: Date.UTC(2026, 11, 7),
    carrierCode: 'UPSN',
    trackingNumber: '1Z999AA10123456784',
    lines,
  };
}

/**
 * What every ErpShipmentConfirmationPort adapter must do, run unchanged against each of them: this is
 * what lets the ERP be swapped by configuration.
 */
export function describeErpShipmentConfirmationContract(adapterName: string, start: StartShipmentConfirmationHarness): void {
  describe(`ErpShipmentConfirmationPort contract: ${adapterName}`, () => {
    let harness: ShipmentConfirmationHarness | null = null;
    const open = async (behaviour?: Partial<SimulatorBehaviour>) => {
      harness = await start(behaviour);
      return { ...harness, erpOrderNumber: bookContractOrder(harness.erp) };
    };
    afterEach(async () => {
      await harness?.stop();
      harness = null;
    });

    it('posts one goods issue for the package, marks the order line shipped and invoices what shipped', async () => {
      const { port, erp, erpOrderNumber } = await open();
      const result = await port.confirm(contractPackage('PKG-1', erpOrderNumber));
      expect(result).toEqual({ erpDocumentNumber: expect.stringMatching(/^GI-\d+$/), postedAt: expect.any(Number), created: true });
      expect(erp.goodsIssues()).toEqual([
        expect.objectContaining({ packageReference: 'PKG-1', goodsIssueNumber: result.erpDocumentNumber, postedAt: result.postedAt, erpOrderNumber }),
      ]);
      expect(erp.order(ORDER_ID)?.shippedQuantities).toEqual([1, 0]);
      expect(erp.invoices()).toEqual([
        expect.objectContaining({
          documentNumber: expect.stringMatching(/^INV-\d+$/),
          salesOrderNumber: erpOrderNumber,
          customerReference: ORDER_ID,
          lines: [
            expect.objectContaining({ itemNumber: 'TEE-BLK-M', quantity: 1, unitPrice: 2_499, netAmount: 2_499, taxAmount: 200, deliveryReference: 'PKG-1' }),
          ],
          taxTotal: 200,
          grandTotal: 2_699,
        }),
      ]);
    });

    it('a repeated package reference returns the same document and posts nothing new', async () => {
      const { port, erp, erpOrderNumber } = await open();
      const first = await port.confirm(contractPackage('PKG-2', erpOrderNumber));
      const again = await port.confirm(contractPackage('PKG-2', erpOrderNumber));
      const third = await port.confirm(contractPackage('PKG-2', erpOrderNumber));
      expect(again).toEqual({ ...first, created: false });
      expect(third).toEqual({ ...first, created: false });
      expect(erp.goodsIssues()).toHaveLength(1);
      expect(erp.invoices()).toHaveLength(1);
      expect(erp.stats()).toMatchObject({ goodsIssues: 1, duplicateGoodsIssues: 2 });
    });

    it('split shipments are one goods issue per package, up to the ordered quantity', async () => {
      const { port, erp, erpOrderNumber } = await open();
      await port.confirm(contractPackage('PKG-3a', erpOrderNumber, [{ lineId: '3', erpLineNumber: null, sku: 'CAP-NVY-OS', quantity: 2 }]));
      await port.confirm(contractPackage('PKG-3b', erpOrderNumber, [{ lineId: '3', erpLineNumber: null, sku: 'CAP-NVY-OS', quantity: 1 }]));
      expect(erp.goodsIssues().map((g) => g.packageReference)).toEqual(['PKG-3a', 'PKG-3b']);
      expect(erp.order(ORDER_ID)?.shippedQuantities).toEqual([0, 3]);
      expect(erp.invoices().map((i) => i.grandTotal)).toEqual([2_998, 1_499]);
    });

    it('shipping more than the ERP order line has open is a permanent refusal naming the over-shipment', async () => {
      const { port, erp, erpOrderNumber } = await open();
      await port.confirm(contractPackage('PKG-4a', erpOrderNumber, [{ lineId: '1', erpLineNumber: 1, sku: 'TEE-BLK-M', quantity: 2 }]));
      const error = await failureOf(port.confirm(contractPackage('PKG-4b', erpOrderNumber)));
      expect(error).toBeInstanceOf(ErpPermanentError);
      expect(error).toMatchObject({ code: 'VALIDATION' });
      expect((error as ErpPermanentError).details.join(' ')).toContain('over-shipment');
      expect(erp.goodsIssues().map((g) => g.packageReference)).toEqual(['PKG-4a']);
    });

    it('a package for an order the ERP does not know is a permanent NOT_FOUND', async () => {
      const { port, erp, erpOrderNumber } = await open();
      const error = await failureOf(port.confirm({ ...contractPackage('PKG-5', erpOrderNumber), orderId: 'SHOPIFY:acme-outdoor:nope' }));
      expect(error).toBeInstanceOf(ErpPermanentError);
      expect(error).toMatchObject({ code: 'NOT_FOUND' });
      expect(erp.goodsIssues()).toHaveLength(0);
    });

    it('an outage is a transient error with a retry-after, and the retry after it posts exactly once', async () => {
      const { port, erp, erpOrderNumber } = await open();
      erp.startOutage(60_000);
      const error = await failureOf(port.confirm(contractPackage('PKG-6', erpOrderNumber)));
      expect(error).toBeInstanceOf(ErpTransientError);
      expect(['OUTAGE', 'TIMEOUT']).toContain((error as ErpTransientError).kind);
      expect((error as ErpTransientError).retryAfterMs).toBeGreaterThan(0);
      expect(erp.goodsIssues()).toHaveLength(0);

      erp.endOutages();
      const retried = await port.confirm(contractPackage('PKG-6', erpOrderNumber));
      expect(retried.erpDocumentNumber).toMatch(/^GI-/);
      expect(erp.goodsIssues()).toHaveLength(1);
      expect(erp.stats().duplicateGoodsIssues).toBe(0);
    });

    it('throttling is a transient THROTTLED error with a retry-after, posting nothing', async () => {
      const { port, erp, erpOrderNumber } = await open({ rateLimit: { capacity: 1, refillPerSecond: 0.01 } });
      await port.confirm(contractPackage('PKG-7a', erpOrderNumber));
      const error = await failureOf(port.confirm(contractPackage('PKG-7b', erpOrderNumber)));
      expect(error).toBeInstanceOf(ErpTransientError);
      expect(error).toMatchObject({ kind: 'THROTTLED' });
      expect((error as ErpTransientError).retryAfterMs).toBeGreaterThanOrEqual(1_000);
      expect(erp.goodsIssues().map((g) => g.packageReference)).toEqual(['PKG-7a']);
    });

    it('an ERP server error is transient', async () => {
      const { port, erp, erpOrderNumber } = await open({ errorRate: 1 });
      const error = await failureOf(port.confirm(contractPackage('PKG-8', erpOrderNumber)));
      expect(error).toBeInstanceOf(ErpTransientError);
      expect(erp.goodsIssues()).toHaveLength(0);
    });
  });
}
