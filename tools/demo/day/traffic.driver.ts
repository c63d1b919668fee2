import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { signShopifyBody } from '@crossdock/channel-adapters';
import type { SimulatedSellerCentral } from '@crossdock/channel-adapters/sp-api';
import { ErpWarehouses, WmsFacilities, type SimulatedErpSource, type SimulatedWmsSource } from '@crossdock/connectors/simulators';
import type { SimulatedErp } from '@crossdock/erp/simulator';
import type { SentOrder } from './day-facts';
import { phaseAt, type BadInput, type DayEvent, type DayScript } from './day-script';
import type { OrderDocuments } from './order-documents';

/** How long a Shopify webhook is retried before the day counts it as refused (Shopify's 4 hours, compressed). */
const WEBHOOK_RETRY_BUDGET_MS = 120_000;

export interface TrafficTargets {
  readonly gatewayUrl: string;
  readonly shopifySecret: string;
  readonly seller: SimulatedSellerCentral;
  readonly ediInboxDir: string;
  readonly erpOrders: SimulatedErp;
  readonly erpStock: SimulatedErpSource;
  readonly wmsStock: SimulatedWmsSource;
}

/** A bad input and what is needed to find out later what became of it. */
export interface BadProbe {
  readonly input: BadInput;
  readonly httpStatus: number | null;
  readonly channelOrderId: string | null;
  readonly fileName: string | null;
}

/** What the traffic did, as the channels and systems would remember it. */
export class TrafficLedger {
  readonly sent: SentOrder[] = [];
  readonly bad: BadProbe[] = [];
  duplicatesSent = 0;
  stockMoves = 0;
  webhookRetries = 0;
  readonly failures: string[] = [];
  readonly sentByChannel = { shopify: 0, amazon: 0, edi: 0 };
}

const ERP_SITES = [ErpWarehouses.reno, ErpWarehouses.atlanta, ErpWarehouses.dallas3pl];
const WMS_SITES = [WmsFacilities.reno, WmsFacilities.atlanta, WmsFacilities.dallas3pl];
const SHOP_DOMAIN = 'acme-outdoor.myshopify.com';

/** Plays a day script in real time against the gateway and the simulators. */
export class TrafficDriver {
  readonly ledger = new TrafficLedger();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly shopifyBodies = new Map<number, Buffer>();

  constructor(
    private readonly script: DayScript,
    private readonly documents: OrderDocuments,
    private readonly targets: TrafficTargets,
  ) {}

  async run(startedAt: number, stopped: () => boolean): Promise<void> {
    for (const event of this.script.events) {
      const wait = startedAt + event.atMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (stopped()) break;
      const task = this.play(event, startedAt).catch((error: unknown) => {
        this.ledger.failures.push(`${event.kind} at ${event.atMs} ms: ${error instanceof Error ? error.message : String(error)}`);
      });
      this.inFlight.add(task);
      void task.finally(() => this.inFlight.delete(task));
    }
    await Promise.all([...this.inFlight]);
  }

  private async play(event: DayEvent, startedAt: number): Promise<void> {
    const now = Date.now();
    const phase = phaseAt(this.script, now - startedAt);
    switch (event.kind) {
      case 'order':
        return this.order(event, now, phase);
      case 'duplicate-webhook': {
        const body = this.shopifyBodies.get(event.ofSeq);
        if (!body) return;
        this.ledger.duplicatesSent++;
        await this.postWebhook(body, `demo-${event.ofSeq}`, this.targets.shopifySecret, true);
        return;
      }
      case 'bad':
        return this.badInput(event.input, event.seq, now, phase);
      case 'stock':
        return this.stock(event);
      case 'erp-outage':
        this.targets.erpOrders.startOutage(event.durationMs);
        return;
    }
  }

  private async order(event: Extract<DayEvent, { kind: 'order' }>, now: number, phase: SentOrder['phase']): Promise<void> {
    this.ledger.sentByChannel[event.channel]++;
    if (event.channel === 'shopify') {
      const body = this.documents.shopifyOrder(event.seq, event.lines);
      this.shopifyBodies.set(event.seq, body);
      this.ledger.sent.push({
        channel: 'shopify',
        channelAccountId: 'acme-outdoor',
        channelOrderId: this.documents.shopifyOrderId(event.seq),
        sentAt: now,
        phase,
      });
      const status = await this.postWebhook(body, `demo-${event.seq}`, this.targets.shopifySecret, true);
      if (status !== 200) this.ledger.failures.push(`Shopify order ${event.seq}: HTTP ${status}`);
    } else if (event.channel === 'amazon') {
      const { order, items } = this.documents.amazonOrder(event.seq, event.lines, now);
      this.ledger.sent.push({ channel: 'amazon', channelAccountId: 'amazon-us', channelOrderId: order.AmazonOrderId, sentAt: now, phase });
      this.targets.seller.put(order, items);
    } else {
      const file = `850-${this.documents.ediPurchaseOrder(event.seq)}.edi`;
      this.ledger.sent.push({
        channel: 'edi',
        channelAccountId: 'edi-summit-outfitters',
        channelOrderId: this.documents.ediPurchaseOrder(event.seq),
        sentAt: now,
        phase,
      });
      await this.dropFile(file, this.documents.edi850(event.seq, event.lines, new Date(now)));
    }
  }

  private async badInput(input: BadInput, seq: number, now: number, phase: SentOrder['phase']): Promise<void> {
    const lines = [{ item: 0, quantity: 1 }];
    switch (input) {
      case 'bad-signature': {
        const status = await this.postWebhook(this.documents.shopifyOrder(seq, lines), `demo-bad-${seq}`, 'not-the-shop-secret', false);
        this.ledger.bad.push({ input, httpStatus: status, channelOrderId: null, fileName: null });
        return;
      }
      case 'malformed-payload': {
        const status = await this.postWebhook(this.documents.truncatedShopifyOrder(), `demo-bad-${seq}`, this.targets.shopifySecret, false);
        this.ledger.bad.push({ input, httpStatus: status, channelOrderId: null, fileName: null });
        return;
      }
      case 'unmapped-item': {
        const channelOrderId = this.documents.shopifyOrderId(seq);
        this.ledger.sent.push({ channel: 'shopify', channelAccountId: 'acme-outdoor', channelOrderId, sentAt: now, phase });
        const status = await this.postWebhook(
          this.documents.shopifyOrder(seq, lines, `SHOP-NOT-LISTED-${seq}`),
          `demo-${seq}`,
          this.targets.shopifySecret,
          true,
        );
        this.ledger.bad.push({ input, httpStatus: status, channelOrderId, fileName: null });
        return;
      }
      case 'bad-edi-file': {
        const file = `850-bad-${this.documents.ediPurchaseOrder(seq)}.edi`;
        await this.dropFile(file, this.documents.badEdiFile());
        this.ledger.bad.push({ input, httpStatus: null, channelOrderId: null, fileName: file });
        return;
      }
    }
  }

  private stock(event: Extract<DayEvent, { kind: 'stock' }>): void {
    const sku = this.documents.sku(event.item);
    const warehouse = ERP_SITES[event.site] ?? ErpWarehouses.reno;
    const row = this.targets.erpStock.stockRow(sku, warehouse);
    if (event.move === 'receipt') {
      if (row) this.targets.erpStock.receive(sku, warehouse, event.quantity);
      else this.targets.erpStock.setOnHand(sku, warehouse, event.quantity);
    } else if (event.move === 'adjustment') {
      if (!row || row.onHandQty < event.quantity) return;
      this.targets.erpStock.adjust(sku, warehouse, -event.quantity);
    } else {
      try {
        this.targets.wmsStock.allocate(sku, WMS_SITES[event.site] ?? WmsFacilities.reno, event.quantity);
      } catch {
        return; // not stocked at that facility, or nothing left to allocate: no move
      }
    }
    this.ledger.stockMoves++;
  }

  /**
   * POSTs like Shopify: raw bytes, HMAC header, the same webhook id on a retry; retries 5xx and
   * unreachable when asked. Shopify keeps retrying a webhook for hours (8 tries over 4 hours); the
   * day compresses that into WEBHOOK_RETRY_BUDGET_MS, backing off up to 5 s between tries.
   */
  private async postWebhook(body: Buffer, webhookId: string, secret: string, retry: boolean): Promise<number> {
    const giveUpAt = Date.now() + WEBHOOK_RETRY_BUDGET_MS;
    for (let attempt = 1; ; attempt++) {
      let status: number;
      try {
        const response = await fetch(`${this.targets.gatewayUrl}/webhooks/shopify`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-shopify-topic': 'orders/create',
            'x-shopify-hmac-sha256': signShopifyBody(body, secret),
            'x-shopify-shop-domain': SHOP_DOMAIN,
            'x-shopify-webhook-id': webhookId,
            'x-shopify-api-version': '2026-10',
          },
          body,
        });
        await response.arrayBuffer();
        status = response.status;
      } catch {
        status = 0;
      }
      if (!retry || (status !== 0 && status < 500) || Date.now() >= giveUpAt) return status;
      this.ledger.webhookRetries++;
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 1000 * attempt)));
    }
  }

  /** Partners write, then rename: the gateway never sees half a file. */
  private async dropFile(name: string, content: string): Promise<void> {
    const temp = join(this.targets.ediInboxDir, `${name}.part`);
    await writeFile(temp, content);
    await rename(temp, join(this.targets.ediInboxDir, name));
  }
}
