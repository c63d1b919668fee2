import { ErpWarehouses, linkErpBooks, startErpFeedSimulator, type ErpFeedSimulator } from '@crossdock/connectors/simulators';
import { messageKey, Topics, type ErpInvoice, type InventoryPosition } from '@crossdock/contracts';
import { startErpSimulator, type ErpSimulator } from '@crossdock/erp/simulator';
import type { RunningService } from '@crossdock/service-kit';
import { http } from '@crossdock/service-testing';
import { metricValue, waitFor, type TableTopicRecorder, type TopicRecorder } from '@crossdock/testing';
import { erpConnectorHarness, startConnector } from '../test-support/erp-connector.fixture';

interface Rejection {
  feed: string;
  sourceKey: string;
  reason: string;
  field: string;
}

const ORDER_ID = 'SHOPIFY:acme-outdoor:5001';

/**
 * One simulated ERP: its order desk takes the sales order and the goods issues (over its REST API, as
 * shipment-events posts them), its feeds (items, stock, invoices) are what erp-connector reads, and
 * linkErpBooks makes them one set of books.
 */
describe('erp-connector: the ERP invoices feed to Topics.erpInvoices', () => {
  const harness = erpConnectorHarness('erp-invoices');
  let feeds: ErpFeedSimulator;
  let orders: ErpSimulator;
  let unlink: () => void;
  let service: RunningService;
  let baseUrl: string;
  let invoices: TopicRecorder<ErpInvoice>;
  let positions: TableTopicRecorder<InventoryPosition>;
  let sku: string;
  let erpOrderNumber: string;

  const invoiceRecords = (invoiceNumber: string) => invoices.records.filter((r) => r.key === invoiceNumber);
  const published = (invoiceNumber: string) =>
    waitFor(() => invoiceRecords(invoiceNumber)[0]?.value, { what: `invoice ${invoiceNumber} on ${Topics.erpInvoices.name}` });
  const ship = async (packageReference: string, quantity: number) => {
    const response = await fetch(`${orders.baseUrl}/orders/${encodeURIComponent(ORDER_ID)}/fulfillments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': packageReference },
      body: JSON.stringify({
        packageReference,
        erpOrderNumber,
        shipDate: new Date().toISOString(),
        carrierCode: 'UPSN',
        trackingNumber: `1Z${packageReference}`,
        lines: [{ lineId: 'L1', erpLineNumber: 1, sku, quantity }],
      }),
    });
    const body = (await response.json()) as { goodsIssueNumber: string; postedAt: string };
    return { status: response.status, ...body };
  };

  beforeAll(async () => {
    await harness.setUp();
    feeds = await startErpFeedSimulator({ seed: 31, itemCount: 20 });
    orders = await startErpSimulator();
    unlink = linkErpBooks(orders.erp, feeds.erp);
    sku = feeds.erp.skus()[0] ?? '';
    feeds.erp.setOnHand(sku, ErpWarehouses.reno, 40);
    const booked = orders.erp.upsert(
      {
        externalId: ORDER_ID,
        erpCustomerNumber: 'C-WEB-SHOPIFY',
        currency: 'USD',
        lines: [{ sku, quantity: 6, unitOfMeasure: 'EA', extendedAmountMinor: 12_000, taxMinor: 960, locationId: 'DC-RENO' }],
        totalMinor: 12_960,
      },
      'REST',
    );
    if (booked.kind === 'INVALID') throw new Error(`order not booked: ${JSON.stringify(booked.errors)}`);
    erpOrderNumber = booked.order.erpOrderNumber;
    invoices = await harness.record(Topics.erpInvoices);
    positions = await harness.recordTable(Topics.erpInventoryPositions);
    ({ service, baseUrl } = await startConnector(harness, feeds));
    await waitFor(() => (positions.table().get(`${sku}@DC-RENO`)?.onHand === 40 ? true : undefined), { what: 'the initial position' });
  });

  afterAll(async () => {
    unlink?.();
    await service?.stop();
    await orders?.stop();
    await feeds?.stop();
    await harness.tearDown();
  });

  it('publishes the invoice the ERP created for a goods issue, keyed by its number, and the on-hand the goods issue lowered as of it', async () => {
    const posted = await ship('PKG-1', 2);
    expect(posted.status).toBe(201);
    const [invoice] = orders.erp.invoices();
    if (!invoice) throw new Error('the ERP created no invoice');

    const value = await published(invoice.documentNumber);
    expect(value).toEqual({
      invoiceNumber: invoice.documentNumber,
      documentType: 'INVOICE',
      sourceSystem: 'erp-sim',
      erpOrderNumber,
      orderId: ORDER_ID,
      erpCustomerNumber: 'C-WEB-SHOPIFY',
      currency: 'USD',
      lines: [{ lineNumber: '1', sku, quantity: 2, unitPriceMinor: 2_000, amountMinor: 4_000, packageReference: 'PKG-1' }],
      taxMinor: 320,
      totalMinor: 4_320,
      documentDate: Date.parse(posted.postedAt.slice(0, 10)),
      postedAt: Date.parse(posted.postedAt),
      version: expect.any(Number),
    });
    const record = invoiceRecords(invoice.documentNumber)[0];
    expect(record?.key).toBe(messageKey(Topics.erpInvoices, value));
    expect(record?.headers).toMatchObject({ 'crossdock-correlation-id': invoice.documentNumber });

    // The ERP's books: on-hand at the warehouse went down by what shipped, as of the goods issue.
    const position = await waitFor(
      () => {
        const current = positions.table().get(`${sku}@DC-RENO`);
        return current?.onHand === 38 ? current : undefined;
      },
      { what: 'on-hand lowered by the goods issue' },
    );
    expect(position.asOf).toBeGreaterThanOrEqual(Date.parse(posted.postedAt));
  });

  it('a goods issue posted again is the same document: one invoice, one stock movement', async () => {
    const again = await ship('PKG-1', 2);
    expect(again.status).toBe(200);
    expect(orders.erp.stats()).toMatchObject({ goodsIssues: 1, duplicateGoodsIssues: 1, invoices: 1 });

    // The next package's invoice comes after anything the repeat could have produced on the same feed.
    await ship('PKG-2', 3);
    const second = orders.erp.invoices()[1];
    if (!second) throw new Error('no invoice for PKG-2');
    expect(await published(second.documentNumber)).toMatchObject({ lines: [expect.objectContaining({ quantity: 3, packageReference: 'PKG-2' })] });
    await waitFor(() => (positions.table().get(`${sku}@DC-RENO`)?.onHand === 35 ? true : undefined), { what: 'on-hand 35 after two packages' });
    const first = orders.erp.invoices()[0]?.documentNumber ?? '';
    expect(invoiceRecords(first)).toHaveLength(1);
    expect(invoices.records).toHaveLength(2);
  });

  it('rejects a document it cannot map, lists it with the reason and field, and still publishes the next', async () => {
    const template = orders.erp.invoices()[0];
    if (!template) throw new Error('no invoice to copy');
    feeds.erp.recordInvoice({ ...template, documentNumber: 'PF-1', documentType: 'PROFORMA' as 'INVOICE' });
    feeds.erp.recordInvoice({ ...template, documentNumber: 'INV-BAD-CURRENCY', currencyCode: 'dollars' });
    feeds.erp.recordInvoice({ ...template, documentNumber: 'CM-1', documentType: 'CREDIT_MEMO' });
    expect(await published('CM-1')).toMatchObject({ documentType: 'CREDIT_MEMO', invoiceNumber: 'CM-1' });

    const open = await waitFor(
      async () => {
        const response = await http<{ rejections: Rejection[] }>(`${baseUrl}/rejections?feed=invoices`);
        return response.body.rejections.length >= 2 ? response.body.rejections : undefined;
      },
      { what: 'two open invoice rejections' },
    );
    expect(open.map((r) => [r.feed, r.sourceKey, r.reason, r.field]).sort()).toEqual([
      ['invoices', 'INV-BAD-CURRENCY', 'MALFORMED_CHANGE', 'currencyCode'],
      ['invoices', 'PF-1', 'UNKNOWN_DOCUMENT_TYPE', 'documentType'],
    ]);
    expect(invoices.records.some((r) => r.key === 'PF-1' || r.key === 'INV-BAD-CURRENCY')).toBe(false);
    expect(await metricValue(baseUrl, 'crossdock_connector_rejections_total', { feed: 'invoices', reason: 'UNKNOWN_DOCUMENT_TYPE' })).toBeGreaterThanOrEqual(1);
    expect(await http(`${baseUrl}/rejections?feed=invoices&reason=INVALID_AMOUNT`)).toMatchObject({ status: 200, body: { rejections: [] } });
  });
});
