import { Topics } from '@crossdock/contracts';
import { startErpSimulator, type ErpSimulator, type SimulatorBehaviour } from '@crossdock/erp/simulator';
import { sampleAcceptedLine } from '@crossdock/testing';
import { ShipmentEventsHarness } from '../../test-support/shipment-events.harness';
import { acceptedOrder, warehouseFact } from '../../test-support/shipment-facts.samples';

export interface QueueRow {
  readonly packageReference: string;
  readonly orderId: string;
  readonly status: string;
  readonly attempts: number;
  readonly erpDocumentNumber: string | null;
  readonly lastError: string | null;
}

/**
 * shipment-events' world with the simulated ERP (REST front) beside it: orders are booked in the ERP
 * as order-ingest would have booked them, accepted with the ERP's order number, and shipped by the WMS
 * in cartons of one unit; the ERP's books tell what it was asked to post.
 */
export class ErpConfirmationWorld extends ShipmentEventsHarness {
  erp!: ErpSimulator;

  constructor(
    label: string,
    private readonly behaviour: Partial<SimulatorBehaviour> = {},
  ) {
    super(label);
  }

  override async setUp(): Promise<void> {
    await super.setUp();
    this.erp = await startErpSimulator({ behaviour: this.behaviour, filePollMs: 50 });
  }

  override async tearDown(): Promise<void> {
    await this.erp?.stop();
    await super.tearDown();
  }

  /** The ERP settings of the service under test: the simulator's REST front, or its import folders (the legacy ERP). */
  erpEnv(adapter: 'rest' | 'flat-file' = 'rest'): Record<string, string> {
    if (adapter === 'flat-file') {
      return {
        ERP_ADAPTER: 'flat-file',
        ERP_FILE_DROP_DIR: this.erp.dropDir,
        ERP_FILE_ACK_DIR: this.erp.ackDir,
        ERP_FILE_POLL_MS: '20',
        ERP_SYSTEM: 'legacy-sim',
      };
    }
    return { ERP_ADAPTER: 'rest', ERP_REST_BASE_URL: this.erp.baseUrl, ERP_SYSTEM: 'erp-sim' };
  }

  /** The order as the ERP booked it (line 1: `units` of TEE-1 from DC-RENO); returns its ERP order number. */
  bookInErp(orderId: string, units: number): string {
    const booked = this.erp.erp.upsert(
      {
        externalId: orderId,
        erpCustomerNumber: 'C-1000',
        currency: 'USD',
        lines: [{ sku: 'TEE-1', quantity: units, unitOfMeasure: 'EA', extendedAmountMinor: 1_250 * units, taxMinor: 100 * units, locationId: 'DC-RENO' }],
        totalMinor: 1_350 * units,
      },
      'REST',
    );
    if (booked.kind !== 'CREATED') throw new Error(`the ERP did not book ${orderId}: ${booked.kind}`);
    return booked.order.erpOrderNumber;
  }

  /** OrderAccepted for `units` of line 1 (ERP line 1), with the ERP's order number. */
  async accept(orderId: string, erpOrderNumber: string, units: number): Promise<void> {
    const line = sampleAcceptedLine({ lineId: '1', sku: 'TEE-1', quantity: units, locationId: 'DC-RENO', erpLineNumber: '1' });
    await this.publish(Topics.ordersAccepted, [acceptedOrder(orderId, { erpOrderNumber, erpSystem: 'erp-sim', lines: [line] })]);
  }

  /** The WMS ships every unit of the order, one carton each; returns the cartons' package references. */
  async shipCartons(orderId: string, units: number): Promise<string[]> {
    const cartons = Array.from({ length: units }, (_, i) => ({
      packageReference: `CTN-${orderId.split(':').at(-1) ?? orderId}-${i + 1}`,
      carrierCode: 'UPS',
      serviceCode: 'UPS_GROUND',
      trackingNumber: `1Z${orderId.replace(/\W/g, '')}${i + 1}`,
      weight: { value: 1.1, unit: 'LB' },
      lines: [{ lineId: '1', sku: 'TEE-1', quantity: 1 }],
    }));
    await this.publish(Topics.wmsShipments, [
      warehouseFact(orderId, { lines: [{ lineId: '1', sku: 'TEE-1', quantity: units, shortQuantity: 0, shortReason: null }], packages: cartons }),
    ]);
    return cartons.map((c) => `wms-main:${c.packageReference}`);
  }

  async queueRows(orderIds: readonly string[]): Promise<QueueRow[]> {
    const result = await this.db.query<QueueRow>(
      `SELECT "packageReference", "orderId", "status", "attempts", "erpDocumentNumber", "lastError"
       FROM "ErpShipmentConfirmation" WHERE "orderId" = ANY($1::text[]) ORDER BY "packageReference"`,
      [orderIds],
    );
    return result.rows;
  }

  /** Goods issues the ERP posted for these package references. */
  goodsIssuesOf(packageReferences: readonly string[]) {
    const wanted = new Set(packageReferences);
    return this.erp.erp.goodsIssues().filter((g) => wanted.has(g.packageReference));
  }
}
