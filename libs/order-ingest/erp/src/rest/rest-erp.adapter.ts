import { ErpHttpCaller, type ErpHttpOptions, readJson } from '@crossdock/erp/client';
import { type ErpOrderPayload, ErpPermanentError } from '@crossdock/erp/domain';
import type { ErpCancellation, ErpOrderPort, ErpSubmission } from '@crossdock/order-ingest/domain';
import { z } from 'zod';

export interface RestErpAdapterOptions extends ErpHttpOptions {
  readonly erpSystem: string;
}

const submissionBody = z.object({
  erpOrderNumber: z.string().min(1),
  // The sales-order lines as the ERP numbered them, by the channel line id the payload sent; older ERPs leave it out.
  lines: z.array(z.object({ lineNumber: z.number().int().positive(), channelLineId: z.string().min(1) })).optional(),
});
const cancellationBody = z.object({
  erpOrderNumber: z.string().min(1),
  status: z.enum(['CANCELLED', 'ALREADY_CANCELLED', 'NOT_CANCELLABLE']),
  reason: z.string().nullish(),
});

/**
 * Cloud ERP over REST. Orders are upserted by external id (`PUT /orders/{externalId}`): 201 created,
 * 200 already there — the ERP itself guarantees one sales order per channel order, whatever we resend.
 * Failures map to the ERP errors as `ErpHttpCaller` says; a 404 on cancel is NOT_FOUND.
 */
export class RestErpAdapter implements ErpOrderPort {
  readonly erpSystem: string;
  private readonly http: ErpHttpCaller;

  constructor(options: RestErpAdapterOptions) {
    this.erpSystem = options.erpSystem;
    this.http = new ErpHttpCaller(options);
  }

  async submit(payload: ErpOrderPayload): Promise<ErpSubmission> {
    const response = await this.http.send('PUT', orderPath(payload.externalId), payload, payload.externalId);
    if (response.status === 200 || response.status === 201) {
      const body = submissionBody.safeParse(readJson(response));
      if (!body.success) throw new ErpPermanentError('PROTOCOL', `ERP answered ${response.status} without an erpOrderNumber`);
      const { erpOrderNumber, lines } = body.data;
      return {
        erpOrderNumber,
        created: response.status === 201,
        ...(lines ? { erpLineNumbers: Object.fromEntries(lines.map((line) => [line.channelLineId, String(line.lineNumber)])) } : {}),
      };
    }
    throw this.http.failure(response, `submit ${payload.externalId}`);
  }

  async cancel(externalId: string, reasonCode: string): Promise<ErpCancellation> {
    const response = await this.http.send('POST', `${orderPath(externalId)}/cancel`, { reasonCode }, `${externalId}#cancel`);
    if (response.status === 200 || response.status === 409) {
      const body = cancellationBody.safeParse(readJson(response));
      if (body.success)
        return {
          erpOrderNumber: body.data.erpOrderNumber,
          outcome: body.data.status,
          reason: body.data.reason ?? null,
        };
      if (response.status === 200) throw new ErpPermanentError('PROTOCOL', 'ERP answered 200 to a cancel without a status');
    }
    if (response.status === 404) throw new ErpPermanentError('NOT_FOUND', `ERP has no order with external id ${externalId}`);
    throw this.http.failure(response, `cancel ${externalId}`);
  }
}

function orderPath(externalId: string): string {
  return `/orders/${encodeURIComponent(externalId)}`;
}
