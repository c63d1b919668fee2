import { AckFileExchange, type AckFileExchangeOptions, ackFailure } from '@crossdock/erp/client';
import {
  type ErpShipmentConfirmation,
  type ErpShipmentConfirmationRequest,
  ErpPermanentError,
  fileStem,
  formatShipConfirmationFile,
  ImportFormatError,
  parseShipConfirmationAck,
  type ShipConfirmationAck,
} from '@crossdock/erp/domain';
import type { ErpShipmentConfirmationPort } from '../erp-shipment-confirmation.port';

export interface FlatFileErpShipmentConfirmationAdapterOptions extends AckFileExchangeOptions {
  readonly erpSystem: string;
}

/**
 * Legacy ERP fed by SHPCNF files (libs/erp/domain ship-confirmation.format.ts): one file per package,
 * `SHPCNF_<package reference>.shp`, into the drop folder, then the ERP's SCA acknowledgement.
 * `AckFileExchange` recognises a resubmission by package reference (a pending file is waited for, a
 * leftover CREATED/DUPLICATE acknowledgement is the answer), and the ERP answers DUPLICATE with the
 * same goods issue for a package it has posted, so a crash anywhere never posts twice.
 */
export class FlatFileErpShipmentConfirmationAdapter implements ErpShipmentConfirmationPort {
  readonly erpSystem: string;
  private readonly files: AckFileExchange<ShipConfirmationAck>;

  constructor(options: FlatFileErpShipmentConfirmationAdapterOptions) {
    this.erpSystem = options.erpSystem;
    this.files = new AckFileExchange(options, parseShipConfirmationAck);
  }

  async confirm(c: ErpShipmentConfirmationRequest): Promise<ErpShipmentConfirmation> {
    let content: string;
    try {
      content = formatShipConfirmationFile(c);
    } catch (error) {
      if (error instanceof ImportFormatError) throw new ErpPermanentError('VALIDATION', error.message);
      throw error;
    }
    const ack = await this.files.exchange(
      fileStem('SHPCNF', c.packageReference),
      content,
      (earlier) => earlier.status === 'CREATED' || earlier.status === 'DUPLICATE',
    );
    switch (ack.status) {
      case 'CREATED':
      case 'DUPLICATE':
        if (!ack.goodsIssueNumber || ack.postedAt === null)
          throw new ErpPermanentError('PROTOCOL', `acknowledgement ${ack.status} without a goods issue number and posting time`);
        return { erpDocumentNumber: ack.goodsIssueNumber, postedAt: ack.postedAt, created: ack.status === 'CREATED' && !ack.fromEarlierAttempt };
      case 'NOT_FOUND':
        throw new ErpPermanentError('NOT_FOUND', `ERP has no order with external id ${c.orderId}`);
      default:
        throw ackFailure(ack, `confirm package ${c.packageReference}`);
    }
  }
}
