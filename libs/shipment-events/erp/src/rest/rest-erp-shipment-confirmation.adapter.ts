import { ErpHttpCaller, type ErpHttpOptions, readJson } from '@crossdock/erp/client';
import { type ErpShipmentConfirmation, type ErpShipmentConfirmationRequest, ErpPermanentError } from '@crossdock/erp/domain';
import { z } from 'zod';
import type { ErpShipmentConfirmationPort } from '../erp-shipment-confirmation.port';

export interface RestErpShipmentConfirmationAdapterOptions extends ErpHttpOptions {
  readonly erpSystem: string;
}

const postedBody = z.object({ goodsIssueNumber: z.string().min(1), postedAt: z.iso.datetime({ offset: true }) });

/**
 * Cloud ERP over REST, in the dialect of its order API: `POST /orders/{externalId}/fulfillments` with
 * `Idempotency-Key: <packageReference>`; 201 posted, 200 posted before (the same goods issue: the ERP
 * guarantees one per package, whatever we resend), 404 no such order (permanent NOT_FOUND), 400/409/422
 * refused (over-shipment, …: permanent VALIDATION with the ERP's reasons); everything else as
 * `ErpHttpCaller` maps it.
 */
export class RestErpShipmentConfirmationAdapter implements ErpShipmentConfirmationPort {
  readonly erpSystem: string;
  private readonly http: ErpHttpCaller;

  constructor(options: RestErpShipmentConfirmationAdapterOptions) {
    this.erpSystem = options.erpSystem;
    this.http = new ErpHttpCaller(options);
  }

  async confirm(c: ErpShipmentConfirmationRequest): Promise<ErpShipmentConfirmation> {
    const body = {
      packageReference: c.packageReference,
      erpOrderNumber: c.erpOrderNumber,
      shipDate: new Date(c.shipDate).toISOString(),
      carrierCode: c.carrierCode,
      trackingNumber: c.trackingNumber,
      lines: c.lines,
    };
    const response = await this.http.send('POST', `/orders/${encodeURIComponent(c.orderId)}/fulfillments`, body, c.packageReference);
    if (response.status === 200 || response.status === 201) {
      const posted = postedBody.safeParse(readJson(response));
      if (!posted.success) throw new ErpPermanentError('PROTOCOL', `ERP answered ${response.status} without a goods issue number and posting time`);
      return { erpDocumentNumber: posted.data.goodsIssueNumber, postedAt: Date.parse(posted.data.postedAt), created: response.status === 201 };
    }
    if (response.status === 404) throw new ErpPermanentError('NOT_FOUND', `ERP has no order with external id ${c.orderId}`);
    throw this.http.failure(response, `confirm package ${c.packageReference}`);
  }
}
