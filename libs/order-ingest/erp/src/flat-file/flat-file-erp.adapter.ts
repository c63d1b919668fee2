import { AckFileExchange, type AckFileExchangeOptions, ackFailure } from '@crossdock/erp/client';
import {
  type Acknowledgement,
  type ErpOrderPayload,
  ErpPermanentError,
  fileStem,
  formatCancelFile,
  formatOrderFile,
  ImportFormatError,
  parseAck,
} from '@crossdock/erp/domain';
import type { ErpCancellation, ErpOrderPort, ErpSubmission } from '@crossdock/order-ingest/domain';

export interface FlatFileErpAdapterOptions extends AckFileExchangeOptions {
  readonly erpSystem: string;
}

/**
 * Legacy ERP fed by ORDIMP flat files (libs/erp/domain order-import.format.ts): one file per order or
 * cancellation into the drop folder, then the ERP's acknowledgement file (`AckFileExchange`, which
 * recognises a resubmission by external id, so a crash anywhere never books twice; the ERP itself
 * answers DUPLICATE for an external id it has booked). A missing acknowledgement is transient
 * (TIMEOUT): the file stays and the next attempt waits for it.
 */
export class FlatFileErpAdapter implements ErpOrderPort {
  readonly erpSystem: string;
  private readonly files: AckFileExchange<Acknowledgement>;

  constructor(options: FlatFileErpAdapterOptions) {
    this.erpSystem = options.erpSystem;
    this.files = new AckFileExchange(options, parseAck);
  }

  async submit(payload: ErpOrderPayload): Promise<ErpSubmission> {
    let content: string;
    try {
      content = formatOrderFile(payload);
    } catch (error) {
      if (error instanceof ImportFormatError) throw new ErpPermanentError('VALIDATION', error.message);
      throw error;
    }
    const ack = await this.files.exchange(
      fileStem('ORD', payload.externalId),
      content,
      (earlier) => earlier.status === 'CREATED' || earlier.status === 'DUPLICATE',
    );
    switch (ack.status) {
      case 'CREATED':
      case 'DUPLICATE':
        if (!ack.erpOrderNumber) throw new ErpPermanentError('PROTOCOL', `acknowledgement ${ack.status} without an order number`);
        return { erpOrderNumber: ack.erpOrderNumber, created: ack.status === 'CREATED' && !ack.fromEarlierAttempt };
      default:
        throw ackFailure(ack, `submit ${payload.externalId}`);
    }
  }

  async cancel(externalId: string, reasonCode: string): Promise<ErpCancellation> {
    const ack = await this.files.exchange(fileStem('CXL', externalId), formatCancelFile(externalId, reasonCode), (earlier) =>
      ['CANCELLED', 'ALREADY_CANCELLED', 'NOT_CANCELLABLE'].includes(earlier.status),
    );
    switch (ack.status) {
      case 'CANCELLED':
      case 'ALREADY_CANCELLED':
      case 'NOT_CANCELLABLE':
        if (!ack.erpOrderNumber) throw new ErpPermanentError('PROTOCOL', `acknowledgement ${ack.status} without an order number`);
        return {
          erpOrderNumber: ack.erpOrderNumber,
          outcome: ack.fromEarlierAttempt && ack.status === 'CANCELLED' ? 'ALREADY_CANCELLED' : ack.status,
          reason: ack.message || null,
        };
      case 'NOT_FOUND':
        throw new ErpPermanentError('NOT_FOUND', `ERP has no order with external id ${externalId}`);
      default:
        throw ackFailure(ack, `cancel ${externalId}`);
    }
  }
}
